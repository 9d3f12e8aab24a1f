using System.Text.RegularExpressions;
using Lakegate.Core.Datasets;
using Lakegate.Core.Definitions;
using Lakegate.Core.Routing;

namespace Lakegate.Core.Loading;

/// <summary>
/// Declared datasets (names, limits, schema types, key and exposed columns) and the routes that
/// query them: a <c>dataset</c> route must name a declared dataset, and an item route's path
/// parameters must name the dataset's key.
/// </summary>
internal sealed partial class DatasetValidator : IDefinitionValidator
{
    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        var byName = new Dictionary<string, DatasetDefinition>(StringComparer.Ordinal);
        foreach (var dataset in config.Datasets)
        {
            var label = $"dataset {dataset.Name}";
            var position = dataset.Position;
            void Error(string message) => diagnostics.Add(Diagnostic.Error(position, $"{label}: {message}"));

            if (!NamePattern().IsMatch(dataset.Name))
            {
                Error("name must match ^[A-Za-z0-9_-]{1,64}$");
            }

            if (!byName.TryAdd(dataset.Name, dataset))
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label} is declared more than once"));
            }

            if (dataset.MaxPageSize is < 1 or > 10_000_000)
            {
                Error($"maxPageSize {dataset.MaxPageSize} must be within 1..10000000");
            }

            if (dataset.DefaultPageSize < 1 || dataset.DefaultPageSize > dataset.MaxPageSize)
            {
                Error($"defaultPageSize {dataset.DefaultPageSize} must be within 1..maxPageSize ({dataset.MaxPageSize})");
            }

            if (dataset.MaxOffset < 0)
            {
                Error("maxOffset must not be negative");
            }

            if (dataset.RefreshIntervalSeconds < 0)
            {
                Error("refreshIntervalSeconds must not be negative");
            }

            if (dataset.QueryTimeoutSeconds is < 1 or > 3600)
            {
                Error($"queryTimeoutSeconds {dataset.QueryTimeoutSeconds} must be within 1..3600");
            }

            if (dataset.Threads is < 1 or > 256)
            {
                Error($"threads {dataset.Threads} must be within 1..256");
            }

            if (!MemoryPattern().IsMatch(dataset.MemoryLimit))
            {
                Error($"memoryLimit '{dataset.MemoryLimit}' must be a size such as 512MB or 2GB");
            }

            if (dataset.CursorSecret is { Length: < 16 })
            {
                Error("cursorSecret must be at least 16 characters");
            }

            if (dataset.CsvDelimiter is { } delimiter && (delimiter.Length != 1 || delimiter is "'" or "\\" or "\n" or "\r"))
            {
                Error("csv.delimiter must be one character (not a quote, backslash or line break)");
            }

            if ((dataset.CsvDelimiter is not null || dataset.CsvHeader is not null) && dataset.Format != DatasetFormat.Csv)
            {
                Error("csv options apply to csv datasets only");
            }

            if (dataset.IsS3)
            {
                if (dataset.Source.Length <= 5 || dataset.Source.IndexOf('/', 5) is var slash && (slash < 0 ? dataset.Source.Length <= 5 : slash == 5))
                {
                    Error("an s3 source is s3://bucket/prefix or s3://bucket/prefix/*.parquet");
                }

                if (dataset.S3?.Endpoint is { } endpoint && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
                {
                    Error($"s3.endpoint '{endpoint}' must be an absolute URL");
                }
            }
            else if (dataset.S3 is not null)
            {
                Error("s3 settings need an s3:// source");
            }

            var schemaNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var column in dataset.Schema)
            {
                if (!schemaNames.Add(column.Name))
                {
                    Error($"schema lists '{column.Name}' twice");
                }

                if (!DatasetTypes.IsDeclarable(column.Type))
                {
                    Error($"schema.{column.Name}: type '{column.Type}' is not one of BOOLEAN, TINYINT..BIGINT, HUGEINT, UTINYINT..UBIGINT, FLOAT, DOUBLE, DECIMAL(p,s), VARCHAR, DATE, TIMESTAMP, TIMESTAMPTZ, TIME, UUID");
                }
            }

            var exposed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var column in dataset.Columns)
            {
                if (!exposed.Add(column))
                {
                    Error($"columns lists '{column}' twice");
                }

                if (schemaNames.Count > 0 && !schemaNames.Contains(column))
                {
                    Error($"columns: '{column}' is not in the declared schema");
                }
            }

            foreach (var key in dataset.Key)
            {
                if (schemaNames.Count > 0 && !schemaNames.Contains(key))
                {
                    Error($"key: '{key}' is not in the declared schema");
                }

                // Cursors carry key values to the caller, so a key column must be one the caller may see.
                if (exposed.Count > 0 && !exposed.Contains(key))
                {
                    Error($"key: '{key}' must be one of the exposed columns");
                }
            }
        }

        foreach (var api in config.Apis)
        {
            foreach (var route in api.Routes)
            {
                if (route.Integration.Type != IntegrationType.Dataset)
                {
                    continue;
                }

                ValidateRoute(config, byName, api, route, diagnostics);
            }
        }
    }

    private static void ValidateRoute(LakegateConfig config, Dictionary<string, DatasetDefinition> byName, ApiDefinition api, RouteDefinition route, ICollection<Diagnostic> diagnostics)
    {
        var position = route.Integration.Position ?? route.Position;
        var label = $"api {api.Id}: route {route.RouteKey}: integration";
        var name = DatasetReference.Name(route.Integration);
        if (name is null)
        {
            diagnostics.Add(Diagnostic.Error(position, $"{label}: a dataset integration needs 'dataset: NAME'"));
            return;
        }

        if (route.Method is not ("GET" or "HEAD" or RouteDefinition.AnyMethod))
        {
            diagnostics.Add(Diagnostic.Error(position, $"{label}: dataset routes answer GET (and HEAD); {route.Method} is not served"));
        }

        if (!byName.TryGetValue(name, out var dataset))
        {
            if (config.Datasets.Count == 0)
            {
                // A definition sent to the admin API cannot declare datasets: the serving node must.
                diagnostics.Add(Diagnostic.Warning(position, $"{label}: dataset '{name}' is not declared in this definition; the serving node must declare it, else requests get 500"));
            }
            else
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: dataset '{name}' is not declared under datasets:"));
            }

            return;
        }

        var parameters = DatasetReference.PathParameters(route.Path);
        if (parameters.Count == 0)
        {
            return;
        }

        if (dataset.Key.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error(position, $"{label}: an item route (with path parameters) needs the dataset's key: declare key: under dataset {name}"));
            return;
        }

        if (DatasetReference.KeyParameters(dataset.Key, parameters) is null)
        {
            diagnostics.Add(Diagnostic.Error(position, $"{label}: path parameters {{{string.Join("}, {", parameters)}}} must name the key columns of dataset {name} ({string.Join(", ", dataset.Key)})"));
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", RegexOptions.IgnoreCase)]
    private static partial Regex MemoryPattern();
}
