namespace Lakegate.Core.Vtl;

/// <summary>
/// The map templates build (<c>{"k": v}</c>) and JSON objects parse into: insertion-ordered like
/// Velocity's LinkedHashMap, keys compared ordinally.
/// </summary>
public sealed class VtlMap : OrderedDictionary<string, object?>
{
    public VtlMap()
        : base(StringComparer.Ordinal)
    {
    }

    public VtlMap(int capacity)
        : base(capacity, StringComparer.Ordinal)
    {
    }

    /// <summary>How the map renders as text: Java <c>{a=1}</c> (default) or JSON.</summary>
    public VtlRenderStyle Style { get; init; }
}
