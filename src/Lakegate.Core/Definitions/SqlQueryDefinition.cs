namespace Lakegate.Core.Definitions;

/// <summary>A named query under <c>sql.queries</c>: trusted SQL text with <c>@name</c> placeholders, and where each value comes from.</summary>
public sealed record SqlQueryDefinition
{
    public required string Name { get; init; }

    public required string Connection { get; init; }

    public required string Sql { get; init; }

    public IReadOnlyList<SqlParameterDefinition> Parameters { get; init; } = [];

    /// <summary>Rows written at most; the query is read no further.</summary>
    public int MaxRows { get; init; } = 10_000;

    /// <summary>An item query: one JSON object, 404 when no row.</summary>
    public bool Single { get; init; }

    public SourcePosition? Position { get; init; }
}
