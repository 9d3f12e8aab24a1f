namespace Lakegate.Core.Definitions;

/// <summary>File formats a dataset can be read from.</summary>
public enum DatasetFormat
{
    Parquet,
    Csv,
    /// <summary>JSON arrays or newline-delimited JSON (DuckDB's read_json detects which).</summary>
    Json,
}
