using Lakegate.Gateway.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Lakegate.Gateway.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IRateLimitStore"/> must show, at a frozen fake clock: exact
/// admits and refusals, no sleeps. Each test uses its own keys.
/// </summary>
public abstract class RateLimitStoreConformanceTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _timeout = new(Timeout);
    private readonly string _prefix = "k" + Guid.NewGuid().ToString("N")[..12] + ":";

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));

    protected CancellationToken Ct => _timeout.Token;

    protected abstract IRateLimitStore CreateStore(TimeProvider time);

    public void Dispose()
    {
        _timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    private string Key(string name) => _prefix + name;

    [Fact]
    public async Task TakeAsync_NewBucket_AdmitsExactlyBurstThenRefuses()
    {
        var store = CreateStore(Time);
        var admitted = 0;
        for (var i = 0; i < 10; i++)
        {
            admitted += (await store.TakeAsync(Key("b"), 1, 4, Ct)).Allowed ? 1 : 0;
        }

        var refused = await store.TakeAsync(Key("b"), 1, 4, Ct);

        Assert.Equal(4, admitted);
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
    }

    [Fact]
    public async Task TakeAsync_Remaining_CountsDown()
    {
        var store = CreateStore(Time);

        Assert.Equal(2, (await store.TakeAsync(Key("r"), 1, 3, Ct)).Remaining);
        Assert.Equal(1, (await store.TakeAsync(Key("r"), 1, 3, Ct)).Remaining);
        Assert.Equal(0, (await store.TakeAsync(Key("r"), 1, 3, Ct)).Remaining);
    }

    [Fact]
    public async Task TakeAsync_AfterTime_RefillsAtRate()
    {
        var store = CreateStore(Time);
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await store.TakeAsync(Key("f"), 10, 5, Ct)).Allowed);
        }

        Assert.False((await store.TakeAsync(Key("f"), 10, 5, Ct)).Allowed);
        Time.Advance(TimeSpan.FromMilliseconds(250)); // 2.5 tokens
        Assert.True((await store.TakeAsync(Key("f"), 10, 5, Ct)).Allowed);
        Assert.True((await store.TakeAsync(Key("f"), 10, 5, Ct)).Allowed);
        var refused = await store.TakeAsync(Key("f"), 10, 5, Ct);

        Assert.False(refused.Allowed);
        Assert.Equal(50, refused.RetryAfter.TotalMilliseconds, 3);
    }

    [Fact]
    public async Task TakeAsync_LongIdle_NeverExceedsBurst()
    {
        var store = CreateStore(Time);
        await store.TakeAsync(Key("i"), 100, 3, Ct);
        Time.Advance(TimeSpan.FromHours(1));
        var admitted = 0;
        for (var i = 0; i < 10; i++)
        {
            admitted += (await store.TakeAsync(Key("i"), 100, 3, Ct)).Allowed ? 1 : 0;
        }

        Assert.Equal(3, admitted);
    }

    [Fact]
    public async Task TakeAsync_ClockSteppedBack_RefillsNothing()
    {
        var clock = new ManualTimeProvider(Time.GetUtcNow()); // FakeTimeProvider refuses to go back
        var store = CreateStore(clock);
        Assert.True((await store.TakeAsync(Key("c"), 1, 1, Ct)).Allowed);
        clock.Advance(TimeSpan.FromMinutes(-5));

        Assert.False((await store.TakeAsync(Key("c"), 1, 1, Ct)).Allowed);
    }

    [Fact]
    public async Task TakeAsync_ZeroBurst_AlwaysRefuses()
    {
        var store = CreateStore(Time);

        Assert.False((await store.TakeAsync(Key("z"), 0, 0, Ct)).Allowed);
        Assert.False((await store.TakeAsync(Key("z"), 100, 0, Ct)).Allowed);
    }

    [Fact]
    public async Task TakeAsync_KeysAreIndependent()
    {
        var store = CreateStore(Time);
        Assert.True((await store.TakeAsync(Key("a"), 1, 1, Ct)).Allowed);

        Assert.True((await store.TakeAsync(Key("b"), 1, 1, Ct)).Allowed);
        Assert.False((await store.TakeAsync(Key("a"), 1, 1, Ct)).Allowed);
    }

    [Fact]
    public async Task TakeAsync_Concurrent_AdmitsExactlyBurst()
    {
        var store = CreateStore(Time);
        var results = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(_ => Task.Run(async () => await store.TakeAsync(Key("cc"), 1, 50, Ct))));

        Assert.Equal(50, results.Count(r => r.Allowed));
    }

    [Fact]
    public async Task TakeAsync_TwoStoreInstances_ShareBucketWhenBackendIsShared()
    {
        var store = CreateStore(Time);
        var other = CreateSharedPeer(Time);
        if (other is null)
        {
            return; // the in-memory backend is node-local by definition
        }

        var admitted = 0;
        for (var i = 0; i < 10; i++)
        {
            admitted += (await (i % 2 == 0 ? store : other).TakeAsync(Key("s"), 1, 6, Ct)).Allowed ? 1 : 0;
        }

        Assert.Equal(6, admitted);
    }

    [Fact]
    public async Task CountAsync_AdmitsLimitThenRefusesWithoutCounting()
    {
        var store = CreateStore(Time);
        var end = Time.GetUtcNow().AddDays(1);
        for (var i = 1; i <= 3; i++)
        {
            var decision = await store.CountAsync(Key("q"), "2026-03-04", 3, end, Ct);
            Assert.True(decision.Allowed);
            Assert.Equal(i, decision.Used);
        }

        var refused = await store.CountAsync(Key("q"), "2026-03-04", 3, end, Ct);
        var again = await store.CountAsync(Key("q"), "2026-03-04", 3, end, Ct);

        Assert.False(refused.Allowed);
        Assert.Equal(3, refused.Used);
        Assert.Equal(3, again.Used);
    }

    [Fact]
    public async Task CountAsync_NewWindow_StartsFromZero()
    {
        var store = CreateStore(Time);
        var end = Time.GetUtcNow().AddDays(1);
        await store.CountAsync(Key("w"), "2026-03-04", 1, end, Ct);
        Assert.False((await store.CountAsync(Key("w"), "2026-03-04", 1, end, Ct)).Allowed);

        var next = await store.CountAsync(Key("w"), "2026-03-05", 1, end.AddDays(1), Ct);

        Assert.True(next.Allowed);
        Assert.Equal(1, next.Used);
    }

    [Fact]
    public async Task CountAsync_Concurrent_CountsEveryRequestOnce()
    {
        var store = CreateStore(Time);
        var end = Time.GetUtcNow().AddDays(1);
        var results = await Task.WhenAll(Enumerable.Range(0, 300)
            .Select(_ => Task.Run(async () => await store.CountAsync(Key("qc"), "w", 120, end, Ct))));

        Assert.Equal(120, results.Count(r => r.Allowed));
        Assert.Equal(Enumerable.Range(1, 120).Select(i => (long)i), results.Where(r => r.Allowed).Select(r => r.Used).Order());
    }

    /// <summary>A second store over the same backend (another node), or null when the backend is node-local.</summary>
    protected virtual IRateLimitStore? CreateSharedPeer(TimeProvider time) => null;
}
