namespace Lakegate.Core.Datasets;

/// <summary>Unwinds the recursive-descent parser to its entry point, where it becomes a <see cref="QueryError"/> value.</summary>
internal sealed class QueryException(QueryError error) : Exception(error.Message)
{
    public QueryError Error { get; } = error;
}
