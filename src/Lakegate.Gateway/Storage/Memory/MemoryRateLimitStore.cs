using System.Collections.Concurrent;

namespace Lakegate.Gateway.Storage.Memory;

/// <summary>
/// <see cref="IRateLimitStore"/> for one node: one small lock per bucket or counter (requests for
/// different keys never contend). Idle buckets that have refilled, and counters whose window
/// ended, are swept at most once a minute of clock time, so memory stays bounded by active keys.
/// </summary>
public sealed class MemoryRateLimitStore(TimeProvider? time = null) : IRateLimitStore
{
    private static readonly long SweepEveryTicks = TimeSpan.FromMinutes(1).Ticks;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, BucketEntry> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Key, string Window), CounterEntry> _counters = new();
    private long _nextSweepTicks;

    /// <summary>Buckets and counters held now (for tests of eviction).</summary>
    internal int Count => _buckets.Count + _counters.Count;

    public ValueTask<RateLimitDecision> TakeAsync(string key, double ratePerSecond, int burst, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcTicks;
        MaybeSweep(now);
        var entry = _buckets.GetOrAdd(key, static (_, state) => new BucketEntry(state.burst, state.now), (burst, now));
        RateLimitDecision decision;
        lock (entry)
        {
            entry.TimeToFullTicks = TokenBucket.TimeToFull(ratePerSecond, burst).Ticks;
            decision = entry.Bucket.Take(ratePerSecond, burst, now);
        }

        return ValueTask.FromResult(decision);
    }

    public ValueTask<QuotaDecision> CountAsync(string key, string windowId, long limit, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcTicks;
        MaybeSweep(now);
        var entry = _counters.GetOrAdd((key, windowId), static (_, end) => new CounterEntry(end.UtcTicks), windowEnd);
        while (true)
        {
            var used = Volatile.Read(ref entry.Used);
            if (used >= limit)
            {
                return ValueTask.FromResult(new QuotaDecision(false, used));
            }

            if (Interlocked.CompareExchange(ref entry.Used, used + 1, used) == used)
            {
                return ValueTask.FromResult(new QuotaDecision(true, used + 1));
            }
        }
    }

    private void MaybeSweep(long now)
    {
        var next = Volatile.Read(ref _nextSweepTicks);
        if (now < next || Interlocked.CompareExchange(ref _nextSweepTicks, now + SweepEveryTicks, next) != next)
        {
            return;
        }

        foreach (var (key, entry) in _buckets)
        {
            bool idle;
            lock (entry)
            {
                idle = now - entry.Bucket.UpdatedTicks > entry.TimeToFullTicks;
            }

            // A full bucket and a new one behave the same, so forgetting it changes nothing. A take racing
            // this removal lands on the old entry: at worst one extra admission after a long idle spell.
            if (idle)
            {
                _buckets.TryRemove(new KeyValuePair<string, BucketEntry>(key, entry));
            }
        }

        foreach (var (key, entry) in _counters)
        {
            if (now >= entry.WindowEndTicks)
            {
                _counters.TryRemove(new KeyValuePair<(string, string), CounterEntry>(key, entry));
            }
        }
    }

    private sealed class BucketEntry(int burst, long now)
    {
        public TokenBucket Bucket { get; } = new(burst, now);

        public long TimeToFullTicks { get; set; }
    }

    private sealed class CounterEntry(long windowEndTicks)
    {
        public long Used;

        public long WindowEndTicks { get; } = windowEndTicks;
    }
}
