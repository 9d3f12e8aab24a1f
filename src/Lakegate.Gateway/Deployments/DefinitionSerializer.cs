using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lakegate.Core.Definitions;

namespace Lakegate.Gateway.Deployments;

/// <summary>
/// Turns an <see cref="ApiDefinition"/> into the JSON body of a deployment and back. Output is
/// deterministic for equal definitions, so its hash tells whether a redeploy changes anything.
/// </summary>
public static class DefinitionSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public static string Serialize(ApiDefinition definition) => JsonSerializer.Serialize(definition, Options);

    /// <summary>Throws <see cref="JsonException"/> for a corrupt snapshot; callers log and skip it.</summary>
    public static ApiDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<ApiDefinition>(json, Options) ?? throw new JsonException("deployment body is null");

    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
