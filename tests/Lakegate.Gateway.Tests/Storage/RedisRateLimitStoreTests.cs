using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Redis;
using StackExchange.Redis;

namespace Lakegate.Gateway.Tests.Storage;

public sealed class RedisRateLimitStoreTests(RedisFixture fixture) : RateLimitStoreConformanceTests, IClassFixture<RedisFixture>
{
    private readonly string _keyPrefix = "test:" + Guid.NewGuid().ToString("N")[..12] + ":";

    protected override IRateLimitStore CreateStore(TimeProvider time) => new RedisRateLimitStore(fixture.Redis, time, _keyPrefix);

    protected override IRateLimitStore? CreateSharedPeer(TimeProvider time) => new RedisRateLimitStore(fixture.Redis, time, _keyPrefix);

    [Fact]
    public async Task TakeAsync_WritesKeysWithTtl()
    {
        var store = CreateStore(Time);
        await store.TakeAsync("ttl", 2, 10, Ct);
        await store.CountAsync("ttl", "w", 5, Time.GetUtcNow().AddMinutes(10), Ct);
        var db = fixture.Redis.GetDatabase();

        var bucketTtl = await db.KeyTimeToLiveAsync(_keyPrefix + "tb:ttl");
        var counterTtl = await db.KeyTimeToLiveAsync(_keyPrefix + "q:ttl:w");

        Assert.InRange(bucketTtl!.Value.TotalSeconds, 1, 6.5);
        Assert.InRange(counterTtl!.Value.TotalMinutes, 9, 10.1);
    }

    [Fact]
    public async Task ConnectAsync_OwnConnection_Works()
    {
        await using var store = await RedisRateLimitStore.ConnectAsync(fixture.Configuration, Time, _keyPrefix);

        Assert.True((await store.TakeAsync("own", 1, 1, Ct)).Allowed);
        Assert.True(await fixture.Redis.GetDatabase().KeyExistsAsync((RedisKey)(_keyPrefix + "tb:own")));
    }
}
