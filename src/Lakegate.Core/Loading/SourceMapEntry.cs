using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>One key of a mapping; the key keeps its own position so "unknown key" points at the key, not its value.</summary>
public sealed record SourceMapEntry(string Key, SourcePosition KeyPosition, SourceNode Value);
