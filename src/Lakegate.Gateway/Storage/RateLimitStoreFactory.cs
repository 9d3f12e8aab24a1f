using Lakegate.Gateway.Storage.Memory;
using Lakegate.Gateway.Storage.Redis;
using StackExchange.Redis;

namespace Lakegate.Gateway.Storage;

/// <summary>
/// Turns the rate-limit store spec into a store: <c>memory</c> (one node), <c>redis://HOST:PORT</c>
/// or <c>redis:CONFIGURATION</c> (StackExchange.Redis syntax, for example
/// <c>redis:10.0.0.5:6379,password=...</c>). Errors never repeat the spec: it may hold a password.
/// </summary>
public static class RateLimitStoreFactory
{
    public static IRateLimitStore Create(string spec, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec = spec.Trim();
        if (spec.Length == 0 || spec.Equals("memory", StringComparison.OrdinalIgnoreCase))
        {
            return new MemoryRateLimitStore(time);
        }

        string configuration;
        if (spec.StartsWith("redis://", StringComparison.OrdinalIgnoreCase))
        {
            configuration = spec["redis://".Length..].TrimEnd('/');
        }
        else if (spec.StartsWith("redis:", StringComparison.OrdinalIgnoreCase))
        {
            configuration = spec["redis:".Length..];
        }
        else
        {
            throw new ArgumentException("Unsupported rate-limit store; use memory, redis://HOST:PORT or redis:CONFIGURATION.", nameof(spec));
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException("The Redis rate-limit store spec is not a valid StackExchange.Redis configuration.", nameof(spec));
        }

        // Start even when Redis is down: requests then fail closed (or open) and the connection heals by itself.
        options.AbortOnConnectFail = false;

        // A request must not queue behind a dead connection: fail at once and let the fail-closed/open policy answer.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return RedisRateLimitStore.Owning(ConnectionMultiplexer.Connect(options), time);
    }
}
