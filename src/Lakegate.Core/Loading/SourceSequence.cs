using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>A YAML sequence or JSON array.</summary>
public sealed class SourceSequence(SourcePosition position, IReadOnlyList<SourceNode> items) : SourceNode(position)
{
    public IReadOnlyList<SourceNode> Items { get; } = items;
}
