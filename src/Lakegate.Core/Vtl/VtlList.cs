namespace Lakegate.Core.Vtl;

/// <summary>The list templates build (<c>[a, b]</c>, ranges, <c>split</c>) and JSON arrays parse into.</summary>
public sealed class VtlList : List<object?>
{
    public VtlList()
    {
    }

    public VtlList(int capacity)
        : base(capacity)
    {
    }

    public VtlList(IEnumerable<object?> items)
        : base(items)
    {
    }

    /// <summary>How the list renders as text: Java <c>[1, x]</c> (default) or JSON.</summary>
    public VtlRenderStyle Style { get; init; }
}
