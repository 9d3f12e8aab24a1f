using System.Text.RegularExpressions;
using Lakegate.Core.Definitions;
using Lakegate.Core.Sql;

namespace Lakegate.Core.Loading;

/// <summary>
/// Reads <c>sql:</c> of lakegate.yaml: <c>connections</c> and <c>queries</c>, both maps keyed by name.
/// Unknown keys, a query naming an undeclared connection, and an <c>@name</c> in the SQL without a
/// declared parameter (or a declared one the SQL never uses) are errors at their position.
/// </summary>
internal static partial class SqlConfigReader
{
    internal static readonly HashSet<string> SqlKeys = ["connections", "queries"];
    internal static readonly HashSet<string> ConnectionKeys = ["provider", "connectionString", "statementTimeoutSeconds", "maxPoolSize"];
    internal static readonly HashSet<string> QueryKeys = ["connection", "sql", "parameters", "maxRows", "single"];
    internal static readonly HashSet<string> ParameterKeys = ["from", "name", "type", "required", "default"];

    public static SqlDefinition Read(NodeReader r, SourceNode? node, bool allowFileReferences)
    {
        if (r.Map(node, "sql") is not { } map)
        {
            return new SqlDefinition();
        }

        if (!allowFileReferences && map.Count > 0)
        {
            // Connection strings reach the serving node's databases; definitions sent over the network must not carry them.
            r.Error(map.Position, "sql", "sql is not allowed in definitions sent to the admin API; declare it in the file given to lakegate serve");
            return new SqlDefinition();
        }

        r.RejectUnknownKeys(map, "sql", SqlKeys);
        var connections = new List<SqlConnectionDefinition>();
        if (r.Map(map["connections"], "sql.connections") is { } connectionMap)
        {
            foreach (var entry in connectionMap.Entries)
            {
                if (ReadConnection(r, entry) is { } connection)
                {
                    connections.Add(connection);
                }
            }
        }

        var queries = new List<SqlQueryDefinition>();
        if (r.Map(map["queries"], "sql.queries") is { } queryMap)
        {
            foreach (var entry in queryMap.Entries)
            {
                if (ReadQuery(r, entry, connections) is { } query)
                {
                    queries.Add(query);
                }
            }
        }

        return new SqlDefinition { Connections = connections, Queries = queries };
    }

    private static SqlConnectionDefinition? ReadConnection(NodeReader r, SourceMapEntry entry)
    {
        var path = NodeReader.Child("sql.connections", entry.Key);
        CheckName(r, entry, path);
        if (r.Map(entry.Value, path) is not { } map)
        {
            return null;
        }

        r.RejectUnknownKeys(map, path, ConnectionKeys);
        var providerText = r.String(r.Required(map, "provider", path), NodeReader.Child(path, "provider"));
        SqlProvider? provider = providerText?.ToLowerInvariant() switch
        {
            "sqlite" => SqlProvider.Sqlite,
            "postgres" or "postgresql" => SqlProvider.Postgres,
            _ => null,
        };
        if (providerText is not null && provider is null)
        {
            r.Error(map["provider"]!.Position, NodeReader.Child(path, "provider"), "expected sqlite or postgres");
        }

        var connectionString = r.String(r.Required(map, "connectionString", path), NodeReader.Child(path, "connectionString"));
        var timeout = r.Int(map["statementTimeoutSeconds"], NodeReader.Child(path, "statementTimeoutSeconds"));
        if (timeout is < 1 or > 3600)
        {
            r.Error(map["statementTimeoutSeconds"]!.Position, NodeReader.Child(path, "statementTimeoutSeconds"), "expected 1 to 3600");
        }

        var pool = r.Int(map["maxPoolSize"], NodeReader.Child(path, "maxPoolSize"));
        if (pool is < 1 or > 1000)
        {
            r.Error(map["maxPoolSize"]!.Position, NodeReader.Child(path, "maxPoolSize"), "expected 1 to 1000");
        }

        if (provider is null || connectionString is null)
        {
            return null;
        }

        return new SqlConnectionDefinition
        {
            Name = entry.Key,
            Provider = provider.Value,
            ConnectionString = connectionString,
            StatementTimeoutSeconds = timeout ?? 30,
            MaxPoolSize = pool,
            Position = map.Position,
        };
    }

    private static SqlQueryDefinition? ReadQuery(NodeReader r, SourceMapEntry entry, List<SqlConnectionDefinition> connections)
    {
        var path = NodeReader.Child("sql.queries", entry.Key);
        CheckName(r, entry, path);
        if (r.Map(entry.Value, path) is not { } map)
        {
            return null;
        }

        r.RejectUnknownKeys(map, path, QueryKeys);
        var connection = r.String(r.Required(map, "connection", path), NodeReader.Child(path, "connection"));
        if (connection is not null && !connections.Any(c => c.Name == connection))
        {
            r.Error(map["connection"]!.Position, NodeReader.Child(path, "connection"), $"connection '{connection}' is not declared under sql.connections");
        }

        var sql = r.String(r.Required(map, "sql", path), NodeReader.Child(path, "sql"));
        var parameters = new List<SqlParameterDefinition>();
        var parametersPath = NodeReader.Child(path, "parameters");
        if (r.Map(map["parameters"], parametersPath) is { } parameterMap)
        {
            foreach (var parameterEntry in parameterMap.Entries)
            {
                if (ReadParameter(r, parameterEntry, parametersPath) is { } parameter)
                {
                    parameters.Add(parameter);
                }
            }

            if (sql is not null)
            {
                var used = SqlPlaceholders.Names(sql);
                foreach (var parameterEntry in parameterMap.Entries.Where(p => !used.Contains(p.Key, StringComparer.Ordinal)))
                {
                    r.Error(parameterEntry.KeyPosition, NodeReader.Child(parametersPath, parameterEntry.Key), $"parameter '{parameterEntry.Key}' is not used in the SQL (no @{parameterEntry.Key})");
                }
            }
        }

        if (sql is not null)
        {
            foreach (var name in SqlPlaceholders.Names(sql))
            {
                if (!parameters.Any(p => p.Name == name) && (map["parameters"] is not SourceMap declared || !declared.ContainsKey(name)))
                {
                    r.Error(map["sql"]!.Position, NodeReader.Child(path, "sql"), $"@{name} is used in the SQL but not declared under parameters");
                }
            }
        }

        var maxRows = r.Int(map["maxRows"], NodeReader.Child(path, "maxRows"));
        if (maxRows is < 1 or > 10_000_000)
        {
            r.Error(map["maxRows"]!.Position, NodeReader.Child(path, "maxRows"), "expected 1 to 10000000");
        }

        if (connection is null || sql is null)
        {
            return null;
        }

        return new SqlQueryDefinition
        {
            Name = entry.Key,
            Connection = connection,
            Sql = sql,
            Parameters = parameters,
            MaxRows = maxRows ?? 10_000,
            Single = r.Bool(map["single"], NodeReader.Child(path, "single")) ?? false,
            Position = map.Position,
        };
    }

    private static SqlParameterDefinition? ReadParameter(NodeReader r, SourceMapEntry entry, string parametersPath)
    {
        var path = NodeReader.Child(parametersPath, entry.Key);
        if (!NamePattern().IsMatch(entry.Key))
        {
            r.Error(entry.KeyPosition, path, "a parameter name is letters, digits and _, starting with a letter or _");
            return null;
        }

        if (r.Map(entry.Value, path) is not { } map)
        {
            return null;
        }

        r.RejectUnknownKeys(map, path, ParameterKeys);
        var fromText = r.String(map["from"], NodeReader.Child(path, "from"));
        SqlParameterSource? from = fromText?.ToLowerInvariant() switch
        {
            null or "query" => SqlParameterSource.Query,
            "path" => SqlParameterSource.Path,
            "body" => SqlParameterSource.Body,
            "header" => SqlParameterSource.Header,
            _ => null,
        };
        if (from is null)
        {
            r.Error(map["from"]!.Position, NodeReader.Child(path, "from"), "expected path, query, body or header");
        }

        var typeText = r.String(map["type"], NodeReader.Child(path, "type"));
        SqlParameterType? type = typeText?.ToLowerInvariant() switch
        {
            null or "string" => SqlParameterType.String,
            "integer" => SqlParameterType.Integer,
            "number" => SqlParameterType.Number,
            "boolean" => SqlParameterType.Boolean,
            "date" => SqlParameterType.Date,
            "timestamp" => SqlParameterType.Timestamp,
            _ => null,
        };
        if (type is null)
        {
            r.Error(map["type"]!.Position, NodeReader.Child(path, "type"), "expected string, integer, number, boolean, date or timestamp");
        }

        var required = r.Bool(map["required"], NodeReader.Child(path, "required"));
        var defaultValue = r.String(map["default"], NodeReader.Child(path, "default"));
        if (defaultValue is not null && type is { } t && SqlParameterValues.Parse(defaultValue, t) is null)
        {
            r.Error(map["default"]!.Position, NodeReader.Child(path, "default"), $"the default is not {SqlParameterValues.Describe(t)}");
        }

        if (from is null || type is null)
        {
            return null;
        }

        return new SqlParameterDefinition
        {
            Name = entry.Key,
            From = from.Value,
            Key = r.String(map["name"], NodeReader.Child(path, "name")) ?? entry.Key,
            Type = type.Value,
            // A path parameter is always there when the route matched.
            Required = required ?? from == SqlParameterSource.Path,
            Default = defaultValue,
        };
    }

    private static void CheckName(NodeReader r, SourceMapEntry entry, string path)
    {
        if (!NamePattern().IsMatch(entry.Key))
        {
            r.Error(entry.KeyPosition, path, "a name is letters, digits and _, starting with a letter or _ (at most 64)");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex NamePattern();
}
