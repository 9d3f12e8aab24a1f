using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Memory;

namespace Lakegate.Gateway.Tests.Storage;

public sealed class MemoryRateLimitStoreTests : RateLimitStoreConformanceTests
{
    protected override IRateLimitStore CreateStore(TimeProvider time) => new MemoryRateLimitStore(time);

    [Fact]
    public async Task Sweep_IdleFullBucketsAndEndedWindows_AreEvicted()
    {
        var store = new MemoryRateLimitStore(Time);
        for (var i = 0; i < 100; i++)
        {
            await store.TakeAsync("idle" + i, 10, 10, Ct);
            await store.CountAsync("quota" + i, "w", 10, Time.GetUtcNow().AddSeconds(30), Ct);
        }

        Assert.Equal(200, store.Count);
        Time.Advance(TimeSpan.FromMinutes(2));
        await store.TakeAsync("fresh", 10, 10, Ct);

        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task Sweep_BucketStillRefilling_IsKept()
    {
        var store = new MemoryRateLimitStore(Time);
        for (var i = 0; i < 3; i++)
        {
            await store.TakeAsync("slow", 0.001, 3, Ct); // 3000 s to refill
        }

        Time.Advance(TimeSpan.FromMinutes(2));
        await store.TakeAsync("other", 10, 10, Ct);

        Assert.False((await store.TakeAsync("slow", 0.001, 3, Ct)).Allowed);
    }
}
