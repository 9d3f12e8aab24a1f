namespace Lakegate.Core.Datasets;

/// <summary>
/// SQL for one list request, made of schema identifiers, fixed keywords and <c>$n</c> placeholders
/// only; every value the caller sent is in <see cref="Parameters"/>. The result's first
/// <see cref="Columns"/>.Count columns are the output, the rest are the sort key (for the next cursor).
/// </summary>
public sealed record CompiledQuery
{
    /// <summary>Fetches up to <see cref="Limit"/> + 1 rows: the extra row only tells that another page exists.</summary>
    public required string Sql { get; init; }

    public required IReadOnlyList<object?> Parameters { get; init; }

    /// <summary>The same rows, exactly <see cref="Limit"/> of them, output columns only (for exports such as Parquet).</summary>
    public required string ExactSql { get; init; }

    public required IReadOnlyList<object?> ExactParameters { get; init; }

    /// <summary>Only the sort-key columns of the same rows (up to Limit + 1), with <see cref="Parameters"/>.</summary>
    public required string KeysSql { get; init; }

    /// <summary><c>count(*)</c> of every row the filters match (no cursor, limit or offset).</summary>
    public required string CountSql { get; init; }

    public required IReadOnlyList<object?> CountParameters { get; init; }

    public required IReadOnlyList<OutputColumn> Columns { get; init; }

    /// <summary>The effective order: requested terms, then the unique key as tie-break.</summary>
    public required IReadOnlyList<OrderTerm> Order { get; init; }

    public required int Limit { get; init; }

    public required int Offset { get; init; }
}
