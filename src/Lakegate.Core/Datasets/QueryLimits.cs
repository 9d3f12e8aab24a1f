namespace Lakegate.Core.Datasets;

/// <summary>Guardrails on what one request may ask of a dataset.</summary>
public sealed record QueryLimits
{
    public int DefaultPageSize { get; init; } = 100;

    public int MaxPageSize { get; init; } = 10_000;

    public int MaxOffset { get; init; } = 10_000;

    /// <summary>Comparisons in one request, nested ones included.</summary>
    public int MaxFilters { get; init; } = 50;

    /// <summary>How deep <c>or=(...and(...))</c> may nest.</summary>
    public int MaxDepth { get; init; } = 4;

    public int MaxInList { get; init; } = 1000;

    public int MaxSelect { get; init; } = 200;

    public int MaxOrder { get; init; } = 16;

    /// <summary>Longest request target (path and query) accepted, in bytes (below Kestrel's 8 KB request line, so this answer is the one callers see).</summary>
    public int MaxUrlLength { get; init; } = 8000;
}
