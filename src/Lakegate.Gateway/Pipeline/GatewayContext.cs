using System.Globalization;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Deployments;
using Microsoft.AspNetCore.Http;

namespace Lakegate.Gateway.Pipeline;

/// <summary>
/// One request's <c>$context</c>: who called, which API, stage, deployment and route serve it,
/// and how it went. Templates, access logs, Lambda events and metrics all read this one object.
/// </summary>
public sealed class GatewayContext
{
    private static readonly IReadOnlyDictionary<string, string> NoVariables = new Dictionary<string, string>();

    public GatewayContext(HttpContext http, string requestId, DateTimeOffset requestTime, long startTimestamp)
    {
        Http = http;
        RequestId = requestId;
        RequestTime = requestTime;
        StartTimestamp = startTimestamp;
        RequestAborted = http.RequestAborted;
    }

    public HttpContext Http { get; }

    public string RequestId { get; }

    public DateTimeOffset RequestTime { get; }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> at arrival, for latencies.</summary>
    public long StartTimestamp { get; }

    /// <summary>Cancelled when the client goes away or the whole-request timeout passes.</summary>
    public CancellationToken RequestAborted { get; set; }

    public ApiKind ApiKind { get; set; } = ApiKind.Rest;

    public string? ApiId { get; set; }

    public StageModel? Stage { get; set; }

    /// <summary>The deployment serving this request: the stage's, or its canary's.</summary>
    public DeploymentModel? Deployment { get; set; }

    /// <summary>Null when the stage has no canary (AWS only sets $context.isCanaryRequest then).</summary>
    public bool? IsCanaryRequest { get; set; }

    public IReadOnlyDictionary<string, string> StageVariables { get; set; } = NoVariables;

    public RouteModel? Route { get; set; }

    /// <summary>The resource template that matched (<c>/items/{id}</c>) or <c>$default</c>.</summary>
    public string? ResourcePath { get; set; }

    public IReadOnlyList<KeyValuePair<string, string>> PathParameters { get; set; } = [];

    /// <summary>Decoded request path segments below the stage (or below the base path of a custom domain).</summary>
    public string[] PathSegments { get; set; } = [];

    /// <summary>Host as the client sent it, without port.</summary>
    public string DomainName { get; set; } = string.Empty;

    /// <summary>Custom domains: the base path that matched (empty for the root mapping).</summary>
    public string? BasePathMatched { get; set; }

    /// <summary>The API key the caller sent, once the ApiKey step accepted it (<c>$context.identity.apiKey</c>, as on AWS).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The accepted key's id (<c>$context.identity.apiKeyId</c>).</summary>
    public string? ApiKeyId { get; set; }

    /// <summary>The accepted key with its plan on this stage: what the Throttle step meters.</summary>
    public StageKeyModel? UsagePlanKey { get; set; }

    /// <summary>What the route's authorizer established (<c>$context.authorizer.*</c>); null on routes without one.</summary>
    public Authorizers.AuthorizerResult? Authorizer { get; set; }

    /// <summary>
    /// The resource policy's verdict before authentication (null on APIs without one). A Lambda
    /// authorizer whose own policy is silent still lets the request in when this is an explicit Allow
    /// (the same-account table of reference §5.6: Allow + silent = Allow).
    /// </summary>
    public Core.Iam.IamDecision? ResourcePolicyDecision { get; set; }

    /// <summary>The IAM caller of an AWS_IAM (SigV4) route, once the signature and policies accepted it.</summary>
    public CallerIdentity? Caller { get; set; }

    /// <summary>Set by a step or integration to end the chain with a Gateway Response.</summary>
    public GatewayError? Error { get; set; }

    /// <summary>Milliseconds spent waiting for the integration, when one was called.</summary>
    public double? IntegrationLatencyMs { get; set; }

    public string? IntegrationStatus { get; set; }

    /// <summary>The request path below the stage, <c>/items/42</c> (what a Lambda event calls <c>path</c>).</summary>
    public string Path => PathSegments.Length == 0 ? "/" : "/" + string.Join('/', PathSegments);

    public string? PathParameter(string name)
    {
        foreach (var pair in PathParameters)
        {
            if (pair.Key == name)
            {
                return pair.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// Resolves a <c>$context</c> variable by its dotted name (<c>requestId</c>, <c>identity.sourceIp</c>, ...).
    /// Unknown names give null. Later capabilities (authorizers, errors) extend the set.
    /// </summary>
    public string? GetContextVariable(string name) => name switch
    {
        "requestId" or "extendedRequestId" or "awsEndpointRequestId" => RequestId,
        "apiId" => ApiId,
        "stage" => Stage?.Name,
        "deploymentId" => Deployment?.DeploymentId,
        "httpMethod" => Http.Request.Method,
        "resourcePath" => ResourcePath,
        "resourceId" => ResourcePath,
        "path" => Stage is null ? Path : BasePathMatched is null ? "/" + Stage.Name + Path : Path,
        "protocol" => "HTTP/1.1",
        "domainName" => DomainName,
        "domainPrefix" => DomainPrefix,
        "requestTime" => RequestTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
        "requestTimeEpoch" => RequestTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        "isCanaryRequest" => IsCanaryRequest is { } canary ? (canary ? "true" : "false") : null,
        "identity.sourceIp" => SourceIp,
        "identity.userAgent" => Http.Request.Headers.UserAgent.ToString(),
        "identity.apiKey" => ApiKey,
        "identity.apiKeyId" => ApiKeyId,
        "identity.accessKey" => Caller?.AccessKey,
        "identity.accountId" => Caller?.AccountId,
        "identity.caller" => Caller?.Caller,
        "identity.user" => Caller?.User,
        "identity.userArn" => Caller?.UserArn,
        "accountId" => DeploymentModel.AccountId,
        "customDomain.basePathMatched" => BasePathMatched,
        "integrationLatency" => IntegrationLatencyMs?.ToString("0", CultureInfo.InvariantCulture),
        "integrationStatus" or "integration.status" => IntegrationStatus,
        "error.responseType" => Error is { } e ? Core.GatewayResponses.GatewayResponseCatalog.Get(e.Type).Name : null,
        _ when name.StartsWith("authorizer.", StringComparison.Ordinal) => Authorizer?.Get(name["authorizer.".Length..]),
        _ => null,
    };

    public string DomainPrefix
    {
        get
        {
            var dot = DomainName.IndexOf('.');
            return dot < 0 ? DomainName : DomainName[..dot];
        }
    }

    /// <summary>The client address as Kestrel saw it (trusted-proxy handling arrives with the edge issue).</summary>
    public string SourceIp => Http.Connection.RemoteIpAddress?.ToString() ?? string.Empty;
}
