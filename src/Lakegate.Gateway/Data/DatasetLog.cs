using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Data;

/// <summary>Log lines of datasets (event ids 5000-5099).</summary>
internal static partial class DatasetLog
{
    [LoggerMessage(5001, LogLevel.Information, "Dataset {Dataset}: {FileCount} files, {ColumnCount} columns exposed")]
    public static partial void Loaded(ILogger logger, string dataset, int fileCount, int columnCount);

    [LoggerMessage(5002, LogLevel.Error, "Dataset {Dataset} cannot be served: {Reason}")]
    public static partial void Unavailable(ILogger logger, string dataset, string reason);

    [LoggerMessage(5003, LogLevel.Warning, "Dataset {Dataset}: column {Column} of type {Type} is not served (nested and binary types are not); list columns: to silence this")]
    public static partial void ColumnSkipped(ILogger logger, string dataset, string column, string type);

    [LoggerMessage(5004, LogLevel.Information, "Dataset {Dataset} changed on disk; reloaded ({FileCount} files)")]
    public static partial void Reloaded(ILogger logger, string dataset, int fileCount);

    [LoggerMessage(5005, LogLevel.Warning, "{RequestId} dataset {Dataset} query failed: {Reason}")]
    public static partial void QueryFailed(ILogger logger, string requestId, string dataset, string reason);

    [LoggerMessage(5006, LogLevel.Information, "Dataset {Dataset}: fetched {Count} S3 objects ({Bytes} bytes) into the cache")]
    public static partial void S3Fetched(ILogger logger, string dataset, int count, long bytes);
}
