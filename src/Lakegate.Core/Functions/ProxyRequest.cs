using System.Text.Json;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Functions;

/// <summary>
/// Everything a Lambda proxy event is built from, taken from the request and its <c>$context</c>
/// by the gateway. Pure data, so event building is testable without a server.
/// </summary>
public sealed record ProxyRequest
{
    public required string HttpMethod { get; init; }

    /// <summary>Payload 1.0 <c>path</c>: decoded, without the stage (with the base path on a custom domain).</summary>
    public required string Path { get; init; }

    /// <summary><c>requestContext.path</c>: the path as invoked, with the stage.</summary>
    public required string ContextPath { get; init; }

    /// <summary>Payload 2.0 <c>rawPath</c> / <c>requestContext.http.path</c>.</summary>
    public string? RawPath { get; init; }

    /// <summary>The query string as sent, without <c>?</c>.</summary>
    public string RawQueryString { get; init; } = string.Empty;

    /// <summary>Request headers in arrival order, one entry per value; names as received.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The resource template (<c>/items/{id}</c>); for HTTP APIs the route's path or <c>$default</c>.</summary>
    public required string ResourcePath { get; init; }

    /// <summary>HTTP APIs: <c>GET /items/{id}</c> or <c>$default</c>.</summary>
    public string? RouteKey { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> PathParameters { get; init; } = [];

    public IReadOnlyDictionary<string, string> StageVariables { get; init; } = Empty.Strings;

    public required string RequestId { get; init; }

    public required string ApiId { get; init; }

    public required string Stage { get; init; }

    public string? DeploymentId { get; init; }

    public string AccountId { get; init; } = "123456789012";

    public string DomainName { get; init; } = string.Empty;

    public string DomainPrefix { get; init; } = string.Empty;

    /// <summary>IAM caller fields of <c>requestContext.identity</c> (AWS_IAM routes); null elsewhere.</summary>
    public string? IdentityAccessKey { get; init; }

    public string? IdentityAccountId { get; init; }

    public string? IdentityCaller { get; init; }

    public string? IdentityUser { get; init; }

    public string? IdentityUserArn { get; init; }

    public string SourceIp { get; init; } = string.Empty;

    public string? UserAgent { get; init; }

    public DateTimeOffset RequestTime { get; init; }

    public string Protocol { get; init; } = "HTTP/1.1";

    /// <summary>REST: the API's binaryMediaTypes, which decide whether the body is base64-encoded. Null for HTTP APIs (their fixed rule).</summary>
    public IReadOnlyList<string>? BinaryMediaTypes { get; init; }

    /// <summary><c>requestContext.authorizer</c> as the authorizer produced it; null when the route has none.</summary>
    public JsonElement? Authorizer { get; init; }
}
