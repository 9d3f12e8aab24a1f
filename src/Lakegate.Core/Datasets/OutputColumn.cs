namespace Lakegate.Core.Datasets;

/// <summary>A column of the response: its name (an alias or the column's) and how its values are written.</summary>
public sealed record OutputColumn(string Name, DatasetValueType Type);
