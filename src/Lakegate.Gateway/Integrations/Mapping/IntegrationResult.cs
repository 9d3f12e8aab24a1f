namespace Lakegate.Gateway.Integrations.Mapping;

/// <summary>What a non-proxy backend answered, buffered for mapping (MOCK: status only, empty body).</summary>
public sealed record IntegrationResult(int StatusCode, IReadOnlyDictionary<string, IReadOnlyList<string>> Headers, string Body)
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> NoHeaders { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
}
