namespace Lakegate.Core.Definitions;

/// <summary>
/// A dataset declared under <c>datasets:</c> in lakegate.yaml: files (a path, a glob, or S3 objects)
/// that <c>dataset</c> routes query. Node-level like functions: not part of an API's deployment snapshot.
/// </summary>
public sealed record DatasetDefinition
{
    /// <summary>Unique, <c>^[A-Za-z0-9_-]{1,64}$</c>; routes name it.</summary>
    public required string Name { get; init; }

    /// <summary>As written: a path or glob (relative to the config file) or <c>s3://bucket/prefix/*.parquet</c>.</summary>
    public required string Source { get; init; }

    /// <summary>Absolute path or glob for local sources; the S3 URL unchanged.</summary>
    public string ResolvedSource { get; init; } = string.Empty;

    /// <summary>Null: inferred from the source's extension.</summary>
    public DatasetFormat? Format { get; init; }

    /// <summary>Read <c>key=value</c> directory names as columns.</summary>
    public bool HivePartitioning { get; init; }

    /// <summary>Declared columns and their DuckDB types; empty = inferred from the files.</summary>
    public IReadOnlyList<DatasetColumnDefinition> Schema { get; init; } = [];

    /// <summary>Unique key (one or more columns): item lookups and cursor tie-breaks.</summary>
    public IReadOnlyList<string> Key { get; init; } = [];

    /// <summary>Columns callers may see, select, filter and order by; empty = every column.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    public int DefaultPageSize { get; init; } = DefaultDefaultPageSize;

    public int MaxPageSize { get; init; } = DefaultMaxPageSize;

    /// <summary>Largest <c>offset</c>; deeper pages must use the cursor.</summary>
    public int MaxOffset { get; init; } = DefaultMaxOffset;

    public DatasetRefresh Refresh { get; init; } = DatasetRefresh.OnChange;

    /// <summary>How often (at most) the source is checked for changed files.</summary>
    public int RefreshIntervalSeconds { get; init; } = DefaultRefreshIntervalSeconds;

    /// <summary>HMAC key for cursors; null = a random key per node (cursors then do not survive a restart).</summary>
    public string? CursorSecret { get; init; }

    public int QueryTimeoutSeconds { get; init; } = DefaultQueryTimeoutSeconds;

    /// <summary>DuckDB <c>memory_limit</c> of this dataset's database, e.g. <c>512MB</c>.</summary>
    public string MemoryLimit { get; init; } = DefaultMemoryLimit;

    /// <summary>DuckDB <c>threads</c> of this dataset's database.</summary>
    public int Threads { get; init; } = DefaultThreads;

    /// <summary>CSV only: field delimiter; null = detected.</summary>
    public string? CsvDelimiter { get; init; }

    /// <summary>CSV only: whether the first line names the columns; null = detected.</summary>
    public bool? CsvHeader { get; init; }

    /// <summary>Where S3 objects come from (only for <c>s3://</c> sources).</summary>
    public DatasetS3Definition? S3 { get; init; }

    public SourcePosition? Position { get; init; }

    public bool IsS3 => Source.StartsWith("s3://", StringComparison.Ordinal);

    public const int DefaultDefaultPageSize = 100;
    public const int DefaultMaxPageSize = 10_000;
    public const int DefaultMaxOffset = 10_000;
    public const int DefaultRefreshIntervalSeconds = 2;
    public const int DefaultQueryTimeoutSeconds = 30;
    public const string DefaultMemoryLimit = "512MB";
    public const int DefaultThreads = 2;
}
