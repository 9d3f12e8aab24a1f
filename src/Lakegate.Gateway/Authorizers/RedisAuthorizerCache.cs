using StackExchange.Redis;

namespace Lakegate.Gateway.Authorizers;

/// <summary>
/// Authorizer results shared by every node through Redis (plain GET / SET PX). Best effort by
/// design: if Redis fails, a lookup is a miss and a store is skipped, so the authorizer is simply
/// called again; a broken cache never lets a request through or fails it.
/// </summary>
public sealed class RedisAuthorizerCache(IConnectionMultiplexer redis, string keyPrefix = "lakegate:") : IAuthorizerCache
{
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(keyPrefix + key);
            return value.HasValue ? (byte[]?)value : null;
        }
        catch (RedisException)
        {
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] response, TimeSpan ttl, CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(keyPrefix + key, response, ttl);
        }
        catch (RedisException)
        {
            // The next request invokes the authorizer again.
        }
    }

    public async ValueTask FlushAsync(string prefix, CancellationToken cancellationToken)
    {
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }

            await foreach (var key in server.KeysAsync(pattern: keyPrefix + Escape(prefix) + "*").WithCancellation(cancellationToken))
            {
                await redis.GetDatabase().KeyDeleteAsync(key);
            }
        }
    }

    /// <summary>Glob characters in an api id or stage must match themselves in SCAN patterns.</summary>
    private static string Escape(string prefix) =>
        prefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal)
            .Replace("?", "\\?", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal);
}
