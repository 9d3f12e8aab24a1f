using System.Text.Json;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Sql;

/// <summary>How a route names its query: <c>integration: { type: sql, query: NAME }</c>.</summary>
public static class SqlReference
{
    public const string ExtrasKey = "query";

    public static string? Query(IntegrationDefinition integration) =>
        integration.Extras.TryGetValue(ExtrasKey, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
