namespace Lakegate.Core.Definitions;

/// <summary>Where a value was declared: a file and a 1-based line and column.</summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
