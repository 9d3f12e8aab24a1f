using System.Collections.Concurrent;

namespace Lakegate.Gateway.Authorizers;

/// <summary>
/// Per-node authorizer cache with expiry from the <see cref="TimeProvider"/>. Bounded: past
/// <see cref="MaxEntries"/> expired entries are swept, and if the cache is still full new results
/// are not stored (the authorizer is simply called again), so hostile identity values cannot grow memory.
/// </summary>
public sealed class MemoryAuthorizerCache(TimeProvider time) : IAuthorizerCache
{
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(byte[] Response, DateTimeOffset Expires);

    public int Count => _entries.Count;

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.Expires > time.GetUtcNow())
            {
                return ValueTask.FromResult<byte[]?>(entry.Response);
            }

            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }

        return ValueTask.FromResult<byte[]?>(null);
    }

    public ValueTask SetAsync(string key, byte[] response, TimeSpan ttl, CancellationToken cancellationToken)
    {
        if (_entries.Count >= MaxEntries)
        {
            var now = time.GetUtcNow();
            foreach (var pair in _entries)
            {
                if (pair.Value.Expires <= now)
                {
                    _entries.TryRemove(pair);
                }
            }

            if (_entries.Count >= MaxEntries)
            {
                return ValueTask.CompletedTask;
            }
        }

        _entries[key] = new Entry(response, time.GetUtcNow() + ttl);
        return ValueTask.CompletedTask;
    }

    public ValueTask FlushAsync(string prefix, CancellationToken cancellationToken)
    {
        foreach (var key in _entries.Keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                _entries.TryRemove(key, out _);
            }
        }

        return ValueTask.CompletedTask;
    }
}
