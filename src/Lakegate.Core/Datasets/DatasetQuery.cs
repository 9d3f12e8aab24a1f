namespace Lakegate.Core.Datasets;

/// <summary>A parsed, schema-checked list request. Nothing in it is raw caller text except aliases and the cursor token.</summary>
public sealed record DatasetQuery
{
    /// <summary>Empty = every exposed column.</summary>
    public IReadOnlyList<SelectItem> Select { get; init; } = [];

    /// <summary>AND-ed.</summary>
    public IReadOnlyList<FilterNode> Filters { get; init; } = [];

    public IReadOnlyList<OrderTerm> Order { get; init; } = [];

    public int Limit { get; init; }

    public int Offset { get; init; }

    /// <summary>The opaque <c>cursor=</c> token, unverified.</summary>
    public string? Cursor { get; init; }

    /// <summary><c>format=</c>, lower case; null = negotiate from Accept.</summary>
    public string? Format { get; init; }

    /// <summary>Canonical text of select, filters and order: a cursor is valid only for the query it came from.</summary>
    public string Fingerprint { get; init; } = string.Empty;
}
