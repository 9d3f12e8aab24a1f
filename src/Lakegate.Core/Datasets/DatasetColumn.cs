namespace Lakegate.Core.Datasets;

/// <summary>One column of a dataset as queries see it: its name, its DuckDB type and how values of it are handled.</summary>
public sealed record DatasetColumn(string Name, string SqlType, DatasetValueType Type);
