using System.Text.Json;
using Lakegate.Core.Loading;

namespace Lakegate.Core.Tests.Loading;

/// <summary>docs/lakegate.schema.json must accept exactly the keys the loader accepts, or editors mislead users.</summary>
public class ConfigSchemaTests
{
    private static JsonElement LoadSchema()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lakegate.slnx")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "docs", "lakegate.schema.json")));
        return document.RootElement.Clone();
    }

    private static JsonElement Resolve(JsonElement schema, string pointer)
    {
        var node = schema;
        foreach (var part in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.GetProperty(part);
        }

        return node;
    }

    public static TheoryData<string, string, bool> Objects() => new()
    {
        { "", nameof(LakegateConfigLoader.RootKeys), true },
        { "$defs/server", nameof(LakegateConfigLoader.ServerKeys), true },
        { "$defs/server/properties/limits", nameof(LakegateConfigLoader.LimitKeys), true },
        { "$defs/api", nameof(LakegateConfigLoader.ApiKeys), true },
        { "$defs/gatewayResponse", nameof(LakegateConfigLoader.GatewayResponseKeys), true },
        { "$defs/api/properties/requestValidators/additionalProperties", nameof(LakegateConfigLoader.ValidatorKeys), true },
        { "$defs/route", nameof(LakegateConfigLoader.RouteKeys), true },
        { "$defs/integration", nameof(LakegateConfigLoader.IntegrationKeys), false },
        { "$defs/integration/properties/responses/items", nameof(LakegateConfigLoader.ResponseKeys), true },
        { "$defs/stage", nameof(LakegateConfigLoader.StageKeys), true },
        { "$defs/stage/properties/canary", nameof(LakegateConfigLoader.CanaryKeys), true },
        { "$defs/domain", nameof(LakegateConfigLoader.DomainKeys), true },
        { "$defs/domain/properties/mappings/items", nameof(LakegateConfigLoader.MappingKeys), true },
        { "$defs/function", nameof(LakegateConfigLoader.FunctionKeys), true },
        { "$defs/dataset", nameof(LakegateConfigLoader.DatasetKeys), true },
        { "$defs/dataset/properties/csv", nameof(LakegateConfigLoader.DatasetCsvKeys), true },
        { "$defs/dataset/properties/s3", nameof(LakegateConfigLoader.DatasetS3Keys), true },
        { "$defs/sqlConnection", nameof(LakegateConfigLoader.SqlConnectionKeys), true },
        { "$defs/sqlQuery", nameof(LakegateConfigLoader.SqlQueryKeys), true },
        { "$defs/sqlParameter", nameof(LakegateConfigLoader.SqlParameterKeys), true },
        { "properties/sql", nameof(LakegateConfigLoader.SqlKeys), true },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Schema_Object_MatchesLoaderKeys(string pointer, string loaderSet, bool closed)
    {
        var node = Resolve(LoadSchema(), pointer);
        var keys = (HashSet<string>)typeof(LakegateConfigLoader).GetField(loaderSet, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null)!;

        var properties = node.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(keys.Order(StringComparer.Ordinal), properties);
        Assert.Equal(closed, node.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False);
    }
}
