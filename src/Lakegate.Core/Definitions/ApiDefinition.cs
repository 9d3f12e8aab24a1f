using System.Text.Json;

namespace Lakegate.Core.Definitions;

/// <summary>
/// Everything a deployment snapshots: routes, integrations, gateway responses, validators, models,
/// policy. Stage-level settings (variables, canary) live in <see cref="StageDefinition"/>.
/// Serialised to JSON as the immutable body of a deployment.
/// </summary>
public sealed record ApiDefinition
{
    /// <summary>Invoke id (first label of <c>{id}.execute-api.*</c>, first segment of path-style URLs).</summary>
    public required string Id { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public ApiKind Kind { get; init; } = ApiKind.Rest;

    public IReadOnlyList<RouteDefinition> Routes { get; init; } = [];

    public IReadOnlyList<string> BinaryMediaTypes { get; init; } = [];

    /// <summary>HEADER (default) or AUTHORIZER.</summary>
    public string ApiKeySource { get; init; } = "HEADER";

    /// <summary>Keyed by response type name (MISSING_AUTHENTICATION_TOKEN, DEFAULT_4XX, ...).</summary>
    public IReadOnlyDictionary<string, GatewayResponseDefinition> GatewayResponses { get; init; } = new Dictionary<string, GatewayResponseDefinition>();

    public IReadOnlyDictionary<string, RequestValidatorDefinition> RequestValidators { get; init; } = new Dictionary<string, RequestValidatorDefinition>();

    /// <summary>Validator applied to routes that name none (root x-amazon-apigateway-request-validator).</summary>
    public string? DefaultRequestValidator { get; init; }

    /// <summary>Model name → JSON Schema (draft 4).</summary>
    public IReadOnlyDictionary<string, JsonElement> Models { get; init; } = Empty.Json;

    /// <summary>Authorizer name → its declaration, kept verbatim for the identity issue.</summary>
    public IReadOnlyDictionary<string, JsonElement> Authorizers { get; init; } = Empty.Json;

    /// <summary>Resource policy (IAM policy document).</summary>
    public JsonElement? Policy { get; init; }

    /// <summary>Where <see cref="Policy"/> was written, for its diagnostics.</summary>
    public SourcePosition? PolicyPosition { get; init; }

    /// <summary>HTTP API CORS configuration (x-amazon-apigateway-cors / cors:).</summary>
    public JsonElement? Cors { get; init; }

    public JsonElement? EndpointConfiguration { get; init; }

    public bool DisableExecuteApiEndpoint { get; init; }

    public int? MinimumCompressionSize { get; init; }

    /// <summary>Other root-level x-amazon-apigateway-* keys, kept verbatim.</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; init; } = Empty.Json;

    public SourcePosition? Position { get; init; }
}
