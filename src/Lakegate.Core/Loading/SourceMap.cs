using System.Diagnostics.CodeAnalysis;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// A mapping in file order. Order matters: routes and integration responses follow the file, and
/// API Gateway evaluates integration-response patterns in declaration order.
/// </summary>
public sealed class SourceMap : SourceNode
{
    private readonly Dictionary<string, SourceMapEntry> _byKey;

    public SourceMap(SourcePosition position, IReadOnlyList<SourceMapEntry> entries)
        : base(position)
    {
        Entries = entries;
        _byKey = new Dictionary<string, SourceMapEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            // Readers report duplicate keys; the first one wins so positions stay stable.
            _byKey.TryAdd(entry.Key, entry);
        }
    }

    public IReadOnlyList<SourceMapEntry> Entries { get; }

    public int Count => Entries.Count;

    public SourceNode? this[string key] => _byKey.TryGetValue(key, out var entry) ? entry.Value : null;

    public bool ContainsKey(string key) => _byKey.ContainsKey(key);

    public bool TryGetValue(string key, [NotNullWhen(true)] out SourceNode? value)
    {
        if (_byKey.TryGetValue(key, out var entry))
        {
            value = entry.Value;
            return true;
        }

        value = null;
        return false;
    }

    public SourceMapEntry? Entry(string key) => _byKey.GetValueOrDefault(key);
}
