using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// A node of a parsed YAML or JSON document that remembers where it was written. Loaders read
/// these instead of binding to classes so that every diagnostic can point at a line and column,
/// and so that unknown keys can be reported instead of silently dropped.
/// </summary>
public abstract class SourceNode
{
    protected SourceNode(SourcePosition position) => Position = position;

    public SourcePosition Position { get; }
}
