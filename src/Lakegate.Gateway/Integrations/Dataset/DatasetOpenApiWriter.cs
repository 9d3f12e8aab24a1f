using System.Text.Json;
using Lakegate.Core.Datasets;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Data;

namespace Lakegate.Gateway.Integrations.Dataset;

/// <summary>
/// An OpenAPI 3.1 document of one api stage's dataset routes: the grammar's parameters (select,
/// order, limit, offset, cursor, format, one filter parameter per exposed column, or/and), the
/// response media types and each dataset's row schema. Served at <c>GET /_lakegate/openapi/{apiId}/{stage}</c>.
/// </summary>
public static class DatasetOpenApiWriter
{
    public static async Task<byte[]> WriteAsync(ApiDefinition api, string stage, string deploymentId, DatasetCatalog catalog, CancellationToken cancellationToken)
    {
        var schemas = new Dictionary<string, DatasetSchema>(StringComparer.Ordinal);
        foreach (var route in api.Routes.Where(r => r.Integration.Type == IntegrationType.Dataset))
        {
            if (DatasetReference.Name(route.Integration) is { } name && !schemas.ContainsKey(name) && catalog.IsDeclared(name))
            {
                try
                {
                    schemas[name] = (await catalog.GetAsync(name, cancellationToken)).State.Schema;
                }
                catch (DatasetUnavailableException)
                {
                    // Described without a row schema until its files can be read.
                }
            }
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("openapi", "3.1.0");
            json.WriteStartObject("info");
            json.WriteString("title", api.Name ?? api.Id);
            json.WriteString("version", deploymentId);
            json.WriteString("description", "Dataset routes of this stage. Query grammar and error codes: docs/datasets.md.");
            json.WriteEndObject();
            json.WriteStartArray("servers");
            json.WriteStartObject();
            json.WriteString("url", stage == StageDefinition.DefaultStageName ? $"/{api.Id}" : $"/{api.Id}/{stage}");
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartObject("paths");
            foreach (var group in api.Routes.Where(r => r.Integration.Type == IntegrationType.Dataset).GroupBy(r => r.Path))
            {
                json.WriteStartObject(group.Key);
                foreach (var route in group)
                {
                    var name = DatasetReference.Name(route.Integration);
                    var schema = name is null ? null : schemas.GetValueOrDefault(name);
                    var item = DatasetReference.PathParameters(route.Path).Count > 0;
                    json.WriteStartObject("get");
                    json.WriteString("operationId", (item ? "get_" : "list_") + (name ?? "dataset") + "_" + Math.Abs(route.Path.GetHashCode(StringComparison.Ordinal) % 10000));
                    json.WriteString("summary", item ? $"One row of dataset {name} by its key" : $"Rows of dataset {name}");
                    json.WriteStartArray("parameters");
                    foreach (var parameter in DatasetReference.PathParameters(route.Path))
                    {
                        Parameter(json, parameter, "path", "A key value.", required: true);
                    }

                    Parameter(json, "select", "query", "Columns to return: [alias:]column[::text|int|bigint|double|decimal|date|timestamp|boolean], comma-separated.");
                    Parameter(json, "format", "query", "json, ndjson, csv" + (item ? string.Empty : ", arrow or parquet") + "; overrides Accept.");
                    if (!item)
                    {
                        Parameter(json, "order", "query", "column[.asc|.desc][.nullsfirst|.nullslast], comma-separated.");
                        Parameter(json, "limit", "query", "Page size.", integer: true);
                        Parameter(json, "offset", "query", "Rows to skip (bounded; use cursor beyond).", integer: true);
                        Parameter(json, "cursor", "query", "Opaque token from the previous page's Link rel=\"next\".");
                        Parameter(json, "or", "query", "(cond,cond,...) with nested and(...)/or(...); not.or and not.and negate.");
                        Parameter(json, "and", "query", "(cond,cond,...).");
                        foreach (var column in schema?.Columns ?? [])
                        {
                            Parameter(json, column.Name, "query", $"Filter: [not.]eq|neq|gt|gte|lt|lte|like|ilike|in|is|isdistinct.value ({column.SqlType}).");
                        }

                        json.WriteStartObject();
                        json.WriteString("name", "Prefer");
                        json.WriteString("in", "header");
                        json.WriteString("description", "count=exact or count=planned: total in Content-Range.");
                        json.WriteStartObject("schema");
                        json.WriteString("type", "string");
                        json.WriteEndObject();
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteStartObject("responses");
                    json.WriteStartObject("200");
                    json.WriteString("description", item ? "The row." : "A page of rows; Link rel=\"next\" when more follow; Content-Range.");
                    json.WriteStartObject("content");
                    var row = schema is null ? null : $"#/components/schemas/{name}";
                    MediaType(json, "application/json", row, array: !item);
                    MediaType(json, "application/x-ndjson", row, array: false);
                    MediaType(json, "text/csv", null, array: false);
                    if (!item)
                    {
                        MediaType(json, "application/vnd.apache.arrow.stream", null, array: false);
                        MediaType(json, "application/vnd.apache.parquet", null, array: false);
                    }

                    json.WriteEndObject();
                    json.WriteEndObject();
                    foreach (var (status, description) in new[] { ("400", "The request does not follow the grammar or the schema."), ("404", "No row has this key."), ("406", "No acceptable format."), ("503", "The dataset's files cannot be read.") })
                    {
                        if (status == "404" && !item)
                        {
                            continue;
                        }

                        json.WriteStartObject(status);
                        json.WriteString("description", description);
                        json.WriteStartObject("content");
                        MediaType(json, "application/json", status == "404" ? null : "#/components/schemas/Error", array: false);
                        json.WriteEndObject();
                        json.WriteEndObject();
                    }

                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();

            json.WriteStartObject("components");
            json.WriteStartObject("schemas");
            foreach (var (name, schema) in schemas)
            {
                json.WriteStartObject(name);
                json.WriteString("type", "object");
                if (schema.Key.Count > 0)
                {
                    json.WriteString("description", "Unique key: " + string.Join(", ", schema.Key.Select(k => k.Name)));
                }

                json.WriteStartObject("properties");
                foreach (var column in schema.Columns)
                {
                    json.WriteStartObject(column.Name);
                    ColumnSchema(json, column);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteStartObject("Error");
            json.WriteString("type", "object");
            json.WriteStartArray("required");
            json.WriteStringValue("code");
            json.WriteStringValue("message");
            json.WriteEndArray();
            json.WriteStartObject("properties");
            foreach (var field in new[] { "code", "message", "details", "hint" })
            {
                json.WriteStartObject(field);
                json.WriteStartArray("type");
                json.WriteStringValue("string");
                if (field is "details" or "hint")
                {
                    json.WriteStringValue("null");
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void ColumnSchema(Utf8JsonWriter json, DatasetColumn column)
    {
        var (type, format) = column.Type switch
        {
            DatasetValueType.Boolean => ("boolean", null),
            DatasetValueType.Integer => ("integer", null),
            DatasetValueType.Double or DatasetValueType.Decimal => ("number", null),
            DatasetValueType.Date => ("string", "date"),
            DatasetValueType.Timestamp or DatasetValueType.TimestampTz => ("string", "date-time"),
            DatasetValueType.Time => ("string", "time"),
            DatasetValueType.Uuid => ("string", "uuid"),
            _ => ("string", (string?)null),
        };
        json.WriteStartArray("type");
        json.WriteStringValue(type);
        json.WriteStringValue("null");
        json.WriteEndArray();
        if (format is not null)
        {
            json.WriteString("format", format);
        }

        json.WriteString("description", column.SqlType);
    }

    private static void Parameter(Utf8JsonWriter json, string name, string location, string description, bool required = false, bool integer = false)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("in", location);
        json.WriteBoolean("required", required);
        json.WriteString("description", description);
        json.WriteStartObject("schema");
        json.WriteString("type", integer ? "integer" : "string");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void MediaType(Utf8JsonWriter json, string mediaType, string? reference, bool array)
    {
        json.WriteStartObject(mediaType);
        if (reference is not null)
        {
            json.WriteStartObject("schema");
            if (array)
            {
                json.WriteString("type", "array");
                json.WriteStartObject("items");
                json.WriteString("$ref", reference);
                json.WriteEndObject();
            }
            else
            {
                json.WriteString("$ref", reference);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
