namespace Lakegate.Core.Datasets;

/// <summary>One output column: <c>[alias:]column[::cast]</c>. <see cref="OutputName"/> is the alias or the column's name.</summary>
public sealed record SelectItem(DatasetColumn Column, string OutputName, string? CastSql, DatasetValueType Type)
{
    public bool IsAliased => OutputName != Column.Name;
}
