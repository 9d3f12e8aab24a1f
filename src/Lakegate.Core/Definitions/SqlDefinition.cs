namespace Lakegate.Core.Definitions;

/// <summary>
/// lakegate.yaml <c>sql:</c>: database connections and the named, parameterized queries <c>sql</c>
/// routes run. Node-level like datasets: the SQL text is the operator's; requests only supply
/// values, bound as typed parameters.
/// </summary>
public sealed record SqlDefinition
{
    public IReadOnlyList<SqlConnectionDefinition> Connections { get; init; } = [];

    public IReadOnlyList<SqlQueryDefinition> Queries { get; init; } = [];
}
