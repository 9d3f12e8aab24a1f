using System.Globalization;
using StackExchange.Redis;

namespace Lakegate.Gateway.Storage.Redis;

/// <summary>
/// <see cref="IRateLimitStore"/> shared by many nodes: each take or count is one Lua script, so the
/// refill, the check and the write happen in one atomic step on the Redis server. Every key carries
/// a TTL (a bucket lives until it would be full again, a counter until its window ends), so Redis
/// holds only active keys. Times are the calling node's clock, passed as microseconds.
/// </summary>
public sealed class RedisRateLimitStore : IRateLimitStore, IAsyncDisposable
{
    // KEYS[1] bucket; ARGV rate/s, burst, now (µs), ttl (ms). Returns {allowed, tokens-left as text}.
    // Lua numbers would be truncated to integers on the way out, hence the string.
    private static readonly LuaScript TakeScript = LuaScript.Prepare(
        """
        local rate = tonumber(@rate)
        local burst = tonumber(@burst)
        local now = tonumber(@now)
        local state = redis.call('HMGET', @key, 't', 'ts')
        local tokens = tonumber(state[1])
        local ts = tonumber(state[2])
        if tokens == nil or ts == nil then
          tokens = burst
          ts = now
        end
        if now > ts then
          tokens = math.min(burst, tokens + (now - ts) * rate / 1000000)
          ts = now
        end
        tokens = math.min(tokens, burst)
        local allowed = 0
        if tokens >= 1 then
          tokens = tokens - 1
          allowed = 1
        end
        redis.call('HSET', @key, 't', string.format('%.17g', tokens), 'ts', string.format('%.17g', ts))
        redis.call('PEXPIRE', @key, @ttl)
        return {allowed, string.format('%.17g', tokens)}
        """);

    // KEYS[1] counter; ARGV limit, ttl (ms). Returns {allowed, used}.
    private static readonly LuaScript CountScript = LuaScript.Prepare(
        """
        local limit = tonumber(@limit)
        local used = tonumber(redis.call('GET', @key) or '0')
        if used >= limit then
          return {0, used}
        end
        used = redis.call('INCR', @key)
        redis.call('PEXPIRE', @key, @ttl)
        return {1, used}
        """);

    private readonly IConnectionMultiplexer _redis;
    private readonly TimeProvider _time;
    private readonly string _prefix;
    private readonly bool _ownsConnection;

    /// <param name="redis">A shared connection; the store does not dispose it.</param>
    /// <param name="time">The node's clock.</param>
    /// <param name="keyPrefix">Namespace for every key this store writes.</param>
    public RedisRateLimitStore(IConnectionMultiplexer redis, TimeProvider? time = null, string keyPrefix = "lakegate:")
        : this(redis, time, keyPrefix, ownsConnection: false)
    {
    }

    private RedisRateLimitStore(IConnectionMultiplexer redis, TimeProvider? time, string keyPrefix, bool ownsConnection)
    {
        _redis = redis;
        _time = time ?? TimeProvider.System;
        _prefix = keyPrefix;
        _ownsConnection = ownsConnection;
    }

    /// <summary>A store that owns <paramref name="redis"/> and disposes it with itself.</summary>
    /// <summary>The store's connection, which other shared state (the authorizer cache) reuses instead of opening its own.</summary>
    internal IConnectionMultiplexer Connection => _redis;

    internal static RedisRateLimitStore Owning(IConnectionMultiplexer redis, TimeProvider time) => new(redis, time, "lakegate:", ownsConnection: true);

    /// <summary>Connects to <paramref name="configuration"/> (StackExchange.Redis syntax, for example <c>127.0.0.1:6379</c>).</summary>
    public static async Task<RedisRateLimitStore> ConnectAsync(string configuration, TimeProvider? time = null, string keyPrefix = "lakegate:")
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        var redis = await ConnectionMultiplexer.ConnectAsync(options);
        return new RedisRateLimitStore(redis, time, keyPrefix, ownsConnection: true);
    }

    public async ValueTask<RateLimitDecision> TakeAsync(string key, double ratePerSecond, int burst, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcTicks / 10;
        var ttl = (long)TokenBucket.TimeToFull(ratePerSecond, burst).TotalMilliseconds + 1000;
        var result = (RedisResult[]?)await _redis.GetDatabase().ScriptEvaluateAsync(TakeScript, new
        {
            key = (RedisKey)(_prefix + "tb:" + key),
            rate = ratePerSecond.ToString("R", CultureInfo.InvariantCulture),
            burst,
            now,
            ttl,
        }).WaitAsync(cancellationToken) ?? throw new InvalidOperationException("The token bucket script returned nothing.");
        var tokens = double.Parse((string)result[1]!, CultureInfo.InvariantCulture);
        return (int)result[0] == 1
            ? new RateLimitDecision(true, (long)tokens, TimeSpan.Zero)
            : new RateLimitDecision(false, 0, TokenBucket.RetryAfter(tokens, ratePerSecond));
    }

    public async ValueTask<QuotaDecision> CountAsync(string key, string windowId, long limit, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        // Relative TTL from this node's clock: a fake or skewed clock never makes Redis drop a live counter at once.
        var ttl = Math.Max(1000, (long)(windowEnd - _time.GetUtcNow()).TotalMilliseconds + 1000);
        var result = (RedisResult[]?)await _redis.GetDatabase().ScriptEvaluateAsync(CountScript, new
        {
            key = (RedisKey)(_prefix + "q:" + key + ":" + windowId),
            limit,
            ttl,
        }).WaitAsync(cancellationToken) ?? throw new InvalidOperationException("The quota script returned nothing.");
        return new QuotaDecision((int)result[0] == 1, (long)result[1]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection)
        {
            await _redis.DisposeAsync();
        }
    }
}
