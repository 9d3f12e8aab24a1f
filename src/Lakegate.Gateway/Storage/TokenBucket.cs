namespace Lakegate.Gateway.Storage;

/// <summary>
/// The token-bucket arithmetic, shared by the in-memory store and the node-local account limiter
/// (the Redis store runs the same rules in Lua). Not thread-safe: callers hold a lock.
/// Times are <see cref="DateTimeOffset.UtcTicks"/>.
/// </summary>
internal sealed class TokenBucket(int burst, long nowTicks)
{
    private double _tokens = burst;
    private long _updatedTicks = nowTicks;

    /// <summary>When a bucket was last touched: an idle bucket that has refilled equals a new one.</summary>
    public long UpdatedTicks => _updatedTicks;

    public RateLimitDecision Take(double ratePerSecond, int burst, long nowTicks)
    {
        // A clock that stepped back refills nothing; it never drains the bucket either.
        if (nowTicks > _updatedTicks)
        {
            _tokens = Math.Min(burst, _tokens + ((nowTicks - _updatedTicks) * ratePerSecond / TimeSpan.TicksPerSecond));
            _updatedTicks = nowTicks;
        }

        _tokens = Math.Min(_tokens, burst);
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return new RateLimitDecision(true, (long)_tokens, TimeSpan.Zero);
        }

        return new RateLimitDecision(false, 0, RetryAfter(_tokens, ratePerSecond));
    }

    public static TimeSpan RetryAfter(double tokens, double ratePerSecond) =>
        ratePerSecond <= 0 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(Math.Max(0, 1 - tokens) / ratePerSecond);

    /// <summary>How long an untouched bucket takes to fill up again (after that it may be forgotten).</summary>
    public static TimeSpan TimeToFull(double ratePerSecond, int burst) =>
        ratePerSecond <= 0 ? TimeSpan.FromDays(1) : TimeSpan.FromSeconds(Math.Min(86_400, Math.Max(1, burst / ratePerSecond)));
}
