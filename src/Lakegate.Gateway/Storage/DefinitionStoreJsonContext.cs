using System.Text.Json.Serialization;

namespace Lakegate.Gateway.Storage;

/// <summary>
/// Source-generated serialisers for the JSON columns (stage variables, canary overrides, domain
/// mappings), so both stores write the same shape without reflection.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<BasePathMappingRecord>))]
[JsonSerializable(typeof(UsagePlansRecord))]
[JsonSerializable(typeof(Dictionary<string, ThrottleRecord>))]
internal sealed partial class DefinitionStoreJsonContext : JsonSerializerContext
{
}
