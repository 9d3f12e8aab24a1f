using System.Text.Json;

namespace Lakegate.Core.Definitions;

/// <summary>What a route calls (API Gateway Integration, or a Lakegate data integration).</summary>
public sealed record IntegrationDefinition
{
    public required IntegrationType Type { get; init; }

    /// <summary>Backend URI or ARN. May hold <c>{name}</c> path placeholders and <c>${stageVariables.x}</c>.</summary>
    public string? Uri { get; init; }

    /// <summary>Method used towards the backend; null = the request's own method (proxy integrations).</summary>
    public string? HttpMethod { get; init; }

    /// <summary>Integration timeout; API Gateway's default is 29 000 ms.</summary>
    public int TimeoutInMillis { get; init; } = DefaultTimeoutInMillis;

    /// <summary><c>integration.request.{path|querystring|header}.X</c> → source expression.</summary>
    public IReadOnlyDictionary<string, string> RequestParameters { get; init; } = Empty.Strings;

    /// <summary>Content type → VTL template.</summary>
    public IReadOnlyDictionary<string, string> RequestTemplates { get; init; } = Empty.Strings;

    /// <summary>WHEN_NO_MATCH (default), WHEN_NO_TEMPLATES or NEVER.</summary>
    public string? PassthroughBehavior { get; init; }

    public string? ContentHandling { get; init; }

    public string? ConnectionType { get; init; }

    public string? ConnectionId { get; init; }

    public string? Credentials { get; init; }

    public string? CacheNamespace { get; init; }

    public IReadOnlyList<string> CacheKeyParameters { get; init; } = [];

    public IReadOnlyList<IntegrationResponseDefinition> Responses { get; init; } = [];

    /// <summary>HTTP APIs: "1.0" or "2.0".</summary>
    public string? PayloadFormatVersion { get; init; }

    public bool TlsInsecureSkipVerification { get; init; }

    /// <summary>Fields this build does not model yet (integrationSubtype, dataset options, ...), kept verbatim.</summary>
    public IReadOnlyDictionary<string, JsonElement> Extras { get; init; } = Empty.Json;

    public SourcePosition? Position { get; init; }

    public const int DefaultTimeoutInMillis = 29_000;
}
