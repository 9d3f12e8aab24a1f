using System.Text.Json;

namespace Lakegate.Core.Definitions;

/// <summary>
/// One method on one resource path (REST) or one route key (HTTP API). <see cref="Path"/> is the
/// resource template (<c>/items/{id}</c>, <c>/files/{proxy+}</c>) or <c>$default</c> for an HTTP
/// API's catch-all route.
/// </summary>
public sealed record RouteDefinition
{
    /// <summary>Upper-case HTTP method, or ANY.</summary>
    public required string Method { get; init; }

    public required string Path { get; init; }

    public required IntegrationDefinition Integration { get; init; }

    public string? OperationName { get; init; }

    /// <summary>NONE, AWS_IAM, CUSTOM, COGNITO_USER_POOLS, JWT.</summary>
    public string AuthorizationType { get; init; } = "NONE";

    public string? AuthorizerId { get; init; }

    public IReadOnlyList<string> AuthorizationScopes { get; init; } = [];

    public bool ApiKeyRequired { get; init; }

    /// <summary>Name of a request validator declared on the API.</summary>
    public string? RequestValidator { get; init; }

    /// <summary><c>method.request.{path|querystring|header}.X</c> → required.</summary>
    public IReadOnlyDictionary<string, bool> RequestParameters { get; init; } = new Dictionary<string, bool>();

    /// <summary>Content type → model name.</summary>
    public IReadOnlyDictionary<string, string> RequestModels { get; init; } = Empty.Strings;

    /// <summary>Other x-amazon-apigateway-* keys of the operation, kept verbatim.</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; init; } = Empty.Json;

    public SourcePosition? Position { get; init; }

    public const string DefaultRoutePath = "$default";

    public const string AnyMethod = "ANY";

    /// <summary>"GET /items/{id}" or "$default", as HTTP APIs spell route keys.</summary>
    public string RouteKey => Path == DefaultRoutePath ? DefaultRoutePath : $"{Method} {Path}";
}
