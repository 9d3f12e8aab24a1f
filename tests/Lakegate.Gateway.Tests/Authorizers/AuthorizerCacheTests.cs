using System.Text;
using Lakegate.Gateway.Authorizers;
using Lakegate.Gateway.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Lakegate.Gateway.Tests.Authorizers;

/// <summary>What every <see cref="IAuthorizerCache"/> must do; run against memory and Redis.</summary>
public abstract class AuthorizerCacheConformanceTests
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero));

    protected abstract IAuthorizerCache Create();

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task GetAsync_ReturnsWhatWasSet_AndMissesOtherKeys()
    {
        var cache = Create();
        await cache.SetAsync("authz/api/prod/a/d1/x", Encoding.UTF8.GetBytes("{\"principalId\":\"u\"}"), TimeSpan.FromMinutes(5), Ct);

        Assert.Equal("{\"principalId\":\"u\"}", Encoding.UTF8.GetString((await cache.GetAsync("authz/api/prod/a/d1/x", Ct))!));
        Assert.Null(await cache.GetAsync("authz/api/prod/a/d1/y", Ct));
    }

    [Fact]
    public async Task FlushAsync_DropsOnlyTheStage()
    {
        var cache = Create();
        await cache.SetAsync("authz/api/prod/a/d1/x", [1], TimeSpan.FromMinutes(5), Ct);
        await cache.SetAsync("authz/api/test/a/d1/x", [2], TimeSpan.FromMinutes(5), Ct);

        await cache.FlushAsync("authz/api/prod/", Ct);

        Assert.Null(await cache.GetAsync("authz/api/prod/a/d1/x", Ct));
        Assert.Equal([2], await cache.GetAsync("authz/api/test/a/d1/x", Ct));
    }
}

public sealed class MemoryAuthorizerCacheTests : AuthorizerCacheConformanceTests
{
    protected override IAuthorizerCache Create() => new MemoryAuthorizerCache(Time);

    [Fact]
    public async Task GetAsync_AfterTtl_Misses()
    {
        var cache = Create();
        await cache.SetAsync("k", [1], TimeSpan.FromSeconds(300), CancellationToken.None);

        Time.Advance(TimeSpan.FromSeconds(299));
        Assert.NotNull(await cache.GetAsync("k", CancellationToken.None));
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await cache.GetAsync("k", CancellationToken.None));
    }
}

public sealed class RedisAuthorizerCacheTests(RedisFixture fixture) : AuthorizerCacheConformanceTests, IClassFixture<RedisFixture>
{
    private readonly string _prefix = "test:" + Guid.NewGuid().ToString("N")[..12] + ":";

    protected override IAuthorizerCache Create() => new RedisAuthorizerCache(fixture.Redis, _prefix);

    [Fact]
    public async Task SetAsync_WritesTheTtlToRedis()
    {
        await Create().SetAsync("k", [1], TimeSpan.FromSeconds(300), CancellationToken.None);

        var ttl = await fixture.Redis.GetDatabase().KeyTimeToLiveAsync(_prefix + "k");
        Assert.InRange(ttl!.Value.TotalSeconds, 290, 300);
    }
}
