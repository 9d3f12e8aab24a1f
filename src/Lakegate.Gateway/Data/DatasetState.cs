using Lakegate.Core.Datasets;

namespace Lakegate.Gateway.Data;

/// <summary>What one load of a dataset found: its files, the exposed schema, and the row count Parquet footers give.</summary>
public sealed record DatasetState(IReadOnlyList<DatasetFile> Files, DatasetSchema Schema, IReadOnlyList<DatasetColumn> AllColumns, long? FooterRowCount)
{
    /// <summary>Files and versions, to notice a change.</summary>
    public string Fingerprint { get; } = string.Join('\n', Files.Select(f => $"{f.Path}\t{f.Size}\t{f.Version}"));
}
