namespace Lakegate.Gateway.Integrations.Dataset;

/// <summary>The representations a dataset route can answer with.</summary>
public enum ResponseFormat
{
    Json,
    Ndjson,
    Csv,
    Arrow,
    Parquet,
}
