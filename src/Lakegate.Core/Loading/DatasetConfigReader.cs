using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// Reads <c>datasets:</c> of lakegate.yaml. As strict as the rest of the loader: unknown keys and
/// wrong types are errors with their position. Local sources resolve against the config file's directory.
/// </summary>
internal static class DatasetConfigReader
{
    internal static readonly HashSet<string> DatasetKeys =
    [
        "name", "source", "format", "hivePartitioning", "schema", "key", "columns", "defaultPageSize", "maxPageSize", "maxOffset",
        "refresh", "refreshIntervalSeconds", "cursorSecret", "queryTimeoutSeconds", "memoryLimit", "threads", "csv", "s3",
    ];

    internal static readonly HashSet<string> CsvKeys = ["delimiter", "header"];
    internal static readonly HashSet<string> S3Keys = ["endpoint", "region", "accessKeyId", "secretAccessKey", "forcePathStyle", "cacheDirectory"];

    private const string EnvPrefix = "env:";

    public static List<DatasetDefinition> Read(NodeReader r, SourceNode? node, string fileName, bool allowFileReferences)
    {
        var datasets = new List<DatasetDefinition>();
        if (r.Sequence(node, "datasets") is not { } list)
        {
            return datasets;
        }

        if (!allowFileReferences && list.Items.Count > 0)
        {
            // A dataset names files on the serving node; definitions sent over the network must not.
            r.Error(node!.Position, "datasets", "datasets are not allowed in definitions sent to the admin API; declare them in the file given to lakegate serve");
            return datasets;
        }

        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? Directory.GetCurrentDirectory();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var path = NodeReader.Index("datasets", i);
            if (r.Map(list.Items[i], path) is not { } map)
            {
                if (NodeReader.IsAbsent(list.Items[i]))
                {
                    r.Error(list.Items[i].Position, path, "expected a mapping");
                }

                continue;
            }

            if (ReadDataset(r, map, path, baseDirectory) is { } dataset)
            {
                datasets.Add(dataset);
            }
        }

        return datasets;
    }

    private static DatasetDefinition? ReadDataset(NodeReader r, SourceMap map, string path, string baseDirectory)
    {
        r.RejectUnknownKeys(map, path, DatasetKeys);
        var name = r.String(r.Required(map, "name", path), NodeReader.Child(path, "name"));
        var source = r.String(r.Required(map, "source", path), NodeReader.Child(path, "source"));
        var defaults = new DatasetDefinition { Name = string.Empty, Source = string.Empty };

        DatasetFormat? format = null;
        if (r.String(map["format"], NodeReader.Child(path, "format")) is { } formatText)
        {
            format = formatText.ToLowerInvariant() switch
            {
                "parquet" => DatasetFormat.Parquet,
                "csv" => DatasetFormat.Csv,
                "json" or "ndjson" or "jsonl" => DatasetFormat.Json,
                _ => null,
            };
            if (format is null)
            {
                r.Error(map["format"]!.Position, NodeReader.Child(path, "format"), "expected parquet, csv, json or ndjson");
            }
        }
        else if (source is not null)
        {
            format = InferFormat(source);
            if (format is null)
            {
                r.Error(map["source"]!.Position, NodeReader.Child(path, "source"), "cannot infer the format from the extension; add format: parquet, csv, json or ndjson");
            }
        }

        var refresh = DatasetRefresh.OnChange;
        if (r.String(map["refresh"], NodeReader.Child(path, "refresh")) is { } refreshText)
        {
            switch (refreshText.ToLowerInvariant())
            {
                case "onchange":
                    break;
                case "never":
                    refresh = DatasetRefresh.Never;
                    break;
                default:
                    r.Error(map["refresh"]!.Position, NodeReader.Child(path, "refresh"), "expected onChange or never");
                    break;
            }
        }

        var schema = new List<DatasetColumnDefinition>();
        if (r.Map(map["schema"], NodeReader.Child(path, "schema")) is { } schemaMap)
        {
            foreach (var entry in schemaMap.Entries)
            {
                if (r.String(entry.Value, NodeReader.Child(NodeReader.Child(path, "schema"), entry.Key)) is { } type)
                {
                    schema.Add(new DatasetColumnDefinition(entry.Key, type.Trim()));
                }
            }
        }

        string? delimiter = null;
        bool? header = null;
        if (r.Map(map["csv"], NodeReader.Child(path, "csv")) is { } csv)
        {
            var csvPath = NodeReader.Child(path, "csv");
            r.RejectUnknownKeys(csv, csvPath, CsvKeys);
            delimiter = r.String(csv["delimiter"], NodeReader.Child(csvPath, "delimiter"));
            header = r.Bool(csv["header"], NodeReader.Child(csvPath, "header"));
        }

        var s3 = ReadS3(r, map["s3"], NodeReader.Child(path, "s3"), baseDirectory);
        var resolved = source is null || source.StartsWith("s3://", StringComparison.Ordinal)
            ? source ?? string.Empty
            : Path.GetFullPath(Path.IsPathRooted(source) ? source : Path.Combine(baseDirectory, source));

        var dataset = new DatasetDefinition
        {
            Name = name ?? string.Empty,
            Source = source ?? string.Empty,
            ResolvedSource = resolved,
            Format = format,
            HivePartitioning = r.Bool(map["hivePartitioning"], NodeReader.Child(path, "hivePartitioning")) ?? false,
            Schema = schema,
            Key = r.StringList(map["key"], NodeReader.Child(path, "key")) ?? [],
            Columns = r.StringList(map["columns"], NodeReader.Child(path, "columns")) ?? [],
            DefaultPageSize = r.Int(map["defaultPageSize"], NodeReader.Child(path, "defaultPageSize")) ?? defaults.DefaultPageSize,
            MaxPageSize = r.Int(map["maxPageSize"], NodeReader.Child(path, "maxPageSize")) ?? defaults.MaxPageSize,
            MaxOffset = r.Int(map["maxOffset"], NodeReader.Child(path, "maxOffset")) ?? defaults.MaxOffset,
            Refresh = refresh,
            RefreshIntervalSeconds = r.Int(map["refreshIntervalSeconds"], NodeReader.Child(path, "refreshIntervalSeconds")) ?? defaults.RefreshIntervalSeconds,
            CursorSecret = ReadSecret(r, map, "cursorSecret", path),
            QueryTimeoutSeconds = r.Int(map["queryTimeoutSeconds"], NodeReader.Child(path, "queryTimeoutSeconds")) ?? defaults.QueryTimeoutSeconds,
            MemoryLimit = r.String(map["memoryLimit"], NodeReader.Child(path, "memoryLimit")) ?? defaults.MemoryLimit,
            Threads = r.Int(map["threads"], NodeReader.Child(path, "threads")) ?? defaults.Threads,
            CsvDelimiter = delimiter,
            CsvHeader = header,
            S3 = s3,
            Position = map.Position,
        };
        return name is null || source is null ? null : dataset;
    }

    private static DatasetS3Definition? ReadS3(NodeReader r, SourceNode? node, string path, string baseDirectory)
    {
        if (r.Map(node, path) is not { } map)
        {
            return null;
        }

        r.RejectUnknownKeys(map, path, S3Keys);
        var cache = r.String(map["cacheDirectory"], NodeReader.Child(path, "cacheDirectory"));
        return new DatasetS3Definition
        {
            Endpoint = r.String(map["endpoint"], NodeReader.Child(path, "endpoint")),
            Region = r.String(map["region"], NodeReader.Child(path, "region")) ?? "us-east-1",
            AccessKeyId = ReadSecret(r, map, "accessKeyId", path),
            SecretAccessKey = ReadSecret(r, map, "secretAccessKey", path),
            ForcePathStyle = r.Bool(map["forcePathStyle"], NodeReader.Child(path, "forcePathStyle")) ?? true,
            CacheDirectory = cache is null ? null : Path.GetFullPath(Path.IsPathRooted(cache) ? cache : Path.Combine(baseDirectory, cache)),
        };
    }

    /// <summary>A secret written as <c>env:NAME</c> is read from the environment, so files need not hold it.</summary>
    private static string? ReadSecret(NodeReader r, SourceMap map, string key, string path)
    {
        var value = r.String(map[key], NodeReader.Child(path, key));
        if (value is null || !value.StartsWith(EnvPrefix, StringComparison.Ordinal))
        {
            return value;
        }

        var variable = value[EnvPrefix.Length..];
        var resolved = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(resolved))
        {
            r.Error(map[key]!.Position, NodeReader.Child(path, key), $"environment variable {variable} is not set");
            return null;
        }

        return resolved;
    }

    internal static DatasetFormat? InferFormat(string source)
    {
        var lower = source.ToLowerInvariant();
        if (lower.EndsWith(".parquet", StringComparison.Ordinal) || lower.EndsWith(".parq", StringComparison.Ordinal))
        {
            return DatasetFormat.Parquet;
        }

        if (lower.EndsWith(".csv", StringComparison.Ordinal) || lower.EndsWith(".tsv", StringComparison.Ordinal) || lower.EndsWith(".csv.gz", StringComparison.Ordinal))
        {
            return DatasetFormat.Csv;
        }

        if (lower.EndsWith(".json", StringComparison.Ordinal) || lower.EndsWith(".ndjson", StringComparison.Ordinal) || lower.EndsWith(".jsonl", StringComparison.Ordinal)
            || lower.EndsWith(".json.gz", StringComparison.Ordinal) || lower.EndsWith(".ndjson.gz", StringComparison.Ordinal))
        {
            return DatasetFormat.Json;
        }

        return null;
    }
}
