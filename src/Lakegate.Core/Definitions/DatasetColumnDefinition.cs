namespace Lakegate.Core.Definitions;

/// <summary>One declared column: its name and DuckDB type (<c>VARCHAR</c>, <c>BIGINT</c>, <c>DECIMAL(10,2)</c>, ...).</summary>
public sealed record DatasetColumnDefinition(string Name, string Type);
