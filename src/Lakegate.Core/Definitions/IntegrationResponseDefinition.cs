using System.Text.Json;

namespace Lakegate.Core.Definitions;

/// <summary>One entry of a non-proxy integration's responses (API Gateway IntegrationResponse).</summary>
public sealed record IntegrationResponseDefinition
{
    /// <summary>Regex matched against the backend status or Lambda errorMessage; null or empty = default response.</summary>
    public string? SelectionPattern { get; init; }

    public required string StatusCode { get; init; }

    public IReadOnlyDictionary<string, string> ResponseParameters { get; init; } = Empty.Strings;

    public IReadOnlyDictionary<string, string> ResponseTemplates { get; init; } = Empty.Strings;

    public string? ContentHandling { get; init; }

    public SourcePosition? Position { get; init; }
}
