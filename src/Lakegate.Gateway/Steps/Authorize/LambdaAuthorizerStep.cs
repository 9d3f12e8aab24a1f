using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lakegate.Core.Authorizers;
using Lakegate.Core.Definitions;
using Lakegate.Core.Functions;
using Lakegate.Core.GatewayResponses;
using Lakegate.Gateway.Authorizers;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Functions;
using Lakegate.Gateway.Integrations.Function;
using Lakegate.Gateway.Pipeline;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Steps.Authorize;

/// <summary>
/// TOKEN and REQUEST Lambda authorizers (reference §5.2–5.5). Missing identity ⇒ 401 without
/// invoking; the function's <c>Unauthorized</c> error ⇒ 401; its policy is evaluated against this
/// request's method ARN (Allow ⇒ next, Deny ⇒ 403); anything else ⇒ 500
/// AUTHORIZER_CONFIGURATION_ERROR. Results are cached by identity values for the TTL, and a cached
/// policy is re-evaluated for every request, never trusted for another ARN.
/// </summary>
internal sealed class LambdaAuthorizerStep : IGatewayStep
{
    /// <summary>API Gateway waits this long for an authorizer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private const string ImplicitDenyMessage = "User is not authorized to access this resource";
    private const string ExplicitDenyMessage = "User is not authorized to access this resource with an explicit deny";

    private static readonly GatewayError Unauthorized = new(GatewayResponseType.Unauthorized);
    private static readonly GatewayError RestImplicitDeny = new(GatewayResponseType.AccessDenied, ImplicitDenyMessage, MessageKey: "Message");
    private static readonly GatewayError RestExplicitDeny = new(GatewayResponseType.AccessDenied, ExplicitDenyMessage, MessageKey: "Message");
    private static readonly GatewayError HttpForbidden = new(GatewayResponseType.AccessDenied, "Forbidden");

    private readonly AuthorizerDefinition _authorizer;
    private readonly ApiKind _apiKind;
    private readonly IFunctionInvoker _invoker;
    private readonly IAuthorizerCache _cache;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Regex? _validation;
    private readonly string _deploymentId;

    public LambdaAuthorizerStep(AuthorizerDefinition authorizer, ApiKind apiKind, string deploymentId, IFunctionInvoker invoker, IAuthorizerCache cache, TimeProvider time, ILogger logger)
    {
        _authorizer = authorizer;
        _apiKind = apiKind;
        _deploymentId = deploymentId;
        _invoker = invoker;
        _cache = cache;
        _time = time;
        _logger = logger;
        _validation = authorizer.IdentityValidationExpression is { } expression
            ? new Regex("^(?:" + expression + ")$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100))
            : null;
    }

    private bool Payload20 => _apiKind == ApiKind.Http && _authorizer.PayloadFormatVersion == "2.0";

    public async ValueTask InvokeAsync(GatewayContext context, GatewayStepDelegate next)
    {
        var values = IdentityValues.Read(context, _authorizer.IdentitySources);
        if (values is null)
        {
            context.Error = Unauthorized;
            return;
        }

        if (_validation is not null && !Matches(_validation, values[0]))
        {
            context.Error = Unauthorized;
            return;
        }

        var stage = context.Stage?.Name ?? string.Empty;
        var methodArn = MethodArn.Build(DeploymentModel.AccountId, context.ApiId ?? string.Empty, stage, context.Http.Request.Method, EncodedPath(context));
        string? cacheKey = null;
        byte[]? response = null;
        if (_authorizer.ResultTtlSeconds > 0 && values.Length > 0)
        {
            cacheKey = IdentityValues.CacheKey(CachePrefix(context.ApiId, stage) + _authorizer.Name + "/" + _deploymentId + "/", values);
            response = await _cache.GetAsync(cacheKey, context.RequestAborted);
        }

        double latency = 0;
        if (response is null)
        {
            var started = Stopwatch.GetTimestamp();
            response = await InvokeFunctionAsync(context, values, methodArn);
            latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response is null)
            {
                return;
            }
        }

        var verdict = Evaluate(response, methodArn, latency, out var result, out var problem);
        if (problem is not null)
        {
            AuthorizerLog.Failed(_logger, context.RequestId, _authorizer.Name, problem);
            context.Error = new GatewayError(GatewayResponseType.AuthorizerConfigurationError, Detail: $"authorizer {_authorizer.Name}: {problem}");
            return;
        }

        if (cacheKey is not null && latency > 0)
        {
            await _cache.SetAsync(cacheKey, response, TimeSpan.FromSeconds(_authorizer.ResultTtlSeconds), context.RequestAborted);
        }

        switch (verdict)
        {
            case PolicyDecision.Allow:
                context.Authorizer = result;
                await next(context);
                return;
            case PolicyDecision.ExplicitDeny:
                context.Authorizer = result;
                context.Error = _apiKind == ApiKind.Http ? HttpForbidden : RestExplicitDeny;
                return;
            default:
                context.Authorizer = result;
                if (context.ResourcePolicyDecision == Core.Iam.IamDecision.Allow && result is not null)
                {
                    // Same-account combination (reference §5.6): the resource policy's explicit Allow
                    // with a silent authorizer policy is an Allow; only a Deny on either side denies.
                    await next(context);
                    return;
                }

                context.Error = _apiKind == ApiKind.Http ? HttpForbidden : RestImplicitDeny;
                return;
        }
    }

    /// <summary>The prefix of every cache key of one api stage (what a flush of the stage's authorizer cache drops).</summary>
    public static string CachePrefix(string? apiId, string stage) => $"authz/{apiId}/{stage}/";

    /// <summary>The request path as the ARN carries it: canonical segments, each re-encoded, so an encoded slash cannot pose as a path separator.</summary>
    private static string EncodedPath(GatewayContext context) =>
        context.PathSegments.Length == 0 ? "/" : Core.Routing.RequestPath.Encode(context.PathSegments);

    private static bool Matches(Regex regex, string value)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private async Task<byte[]?> InvokeFunctionAsync(GatewayContext context, string[] values, string methodArn)
    {
        var name = _authorizer.FunctionName is { } declared ? FunctionReference.Expand(declared, context.StageVariables) : null;
        if (name is null)
        {
            Fail(context, "the authorizer names no function (a stage variable in its URI has no value)");
            return null;
        }

        var payload = BuildEvent(context, values, methodArn);
        var result = await _invoker.InvokeAsync(name, payload, _time.GetUtcNow() + Timeout, context.RequestAborted);
        if (context.Http.RequestAborted.IsCancellationRequested)
        {
            return null;
        }

        if (result.Outcome == FunctionOutcome.Success)
        {
            return result.Payload.ToArray();
        }

        // The one error a function may raise on purpose: "Unauthorized" means 401, not a failure.
        if (result.Outcome == FunctionOutcome.FunctionError && result.ErrorMessage == "Unauthorized")
        {
            context.Error = Unauthorized;
            return null;
        }

        Fail(context, $"function {name}: {result.Outcome} {result.ErrorType}");
        return null;
    }

    private void Fail(GatewayContext context, string problem)
    {
        AuthorizerLog.Failed(_logger, context.RequestId, _authorizer.Name, problem);
        context.Error = new GatewayError(GatewayResponseType.AuthorizerConfigurationError, Detail: $"authorizer {_authorizer.Name}: {problem}");
    }

    private byte[] BuildEvent(GatewayContext context, string[] values, string methodArn)
    {
        if (_authorizer.Kind == AuthorizerKind.Token)
        {
            return JsonSerializer.SerializeToUtf8Bytes(new JsonObject
            {
                ["type"] = "TOKEN",
                ["authorizationToken"] = values[0],
                ["methodArn"] = methodArn,
            });
        }

        var format = _apiKind == ApiKind.Rest ? PayloadFormat.Rest : Payload20 ? PayloadFormat.HttpV2 : PayloadFormat.HttpV1;
        var request = FunctionIntegration.BuildRequest(context, ReadOnlyMemory<byte>.Empty, format);
        var proxyEvent = format == PayloadFormat.HttpV2 ? ProxyEventWriter.WriteV2(request) : ProxyEventWriter.WriteV1(request, httpApi: format == PayloadFormat.HttpV1);
        var source = JsonNode.Parse(proxyEvent)!.AsObject();
        var result = new JsonObject();
        if (format == PayloadFormat.HttpV2)
        {
            result["version"] = "2.0";
            result["type"] = "REQUEST";
            result["routeArn"] = methodArn;
            result["identitySource"] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
        }
        else
        {
            if (format == PayloadFormat.HttpV1)
            {
                result["version"] = "1.0";
                result["identitySource"] = string.Join(',', values);
                result["authorizationToken"] = string.Join(',', values);
            }

            result["type"] = "REQUEST";
            result["methodArn"] = methodArn;
        }

        foreach (var (key, value) in source.ToArray())
        {
            // An authorizer sees the request, not its body.
            if (key is "body" or "isBase64Encoded" or "version")
            {
                continue;
            }

            source.Remove(key);
            result[key] = value;
        }

        return JsonSerializer.SerializeToUtf8Bytes(result);
    }

    private PolicyDecision Evaluate(byte[] response, string methodArn, double latency, out AuthorizerResult? result, out string? problem)
    {
        result = null;
        problem = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(response);
        }
        catch (JsonException)
        {
            problem = "the response is not JSON";
            return PolicyDecision.ImplicitDeny;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "the response is not a JSON object";
                return PolicyDecision.ImplicitDeny;
            }

            if (!ReadContext(root, out var contextValues, out problem))
            {
                return PolicyDecision.ImplicitDeny;
            }

            if (Payload20 && _authorizer.EnableSimpleResponses && root.TryGetProperty("isAuthorized", out var isAuthorized))
            {
                if (isAuthorized.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problem = "isAuthorized is not a boolean";
                    return PolicyDecision.ImplicitDeny;
                }

                result = new AuthorizerResult { Kind = _authorizer.Kind, Context = contextValues, LatencyMs = latency };
                return isAuthorized.GetBoolean() ? PolicyDecision.Allow : PolicyDecision.ImplicitDeny;
            }

            string? principalId = null;
            if (root.TryGetProperty("principalId", out var principal))
            {
                principalId = principal.ValueKind switch
                {
                    JsonValueKind.String => principal.GetString(),
                    JsonValueKind.Number => principal.GetRawText(),
                    _ => null,
                };
            }

            if (principalId is null && _apiKind == ApiKind.Rest)
            {
                problem = "the response has no principalId";
                return PolicyDecision.ImplicitDeny;
            }

            if (!root.TryGetProperty("policyDocument", out var policyDocument))
            {
                problem = "the response has no policyDocument";
                return PolicyDecision.ImplicitDeny;
            }

            var policy = AuthorizerPolicy.Parse(policyDocument, out problem);
            if (policy is null)
            {
                return PolicyDecision.ImplicitDeny;
            }

            string? usageIdentifierKey = null;
            if (root.TryGetProperty("usageIdentifierKey", out var usage) && usage.ValueKind != JsonValueKind.Null)
            {
                if (usage.ValueKind != JsonValueKind.String)
                {
                    problem = "usageIdentifierKey is not a string";
                    return PolicyDecision.ImplicitDeny;
                }

                usageIdentifierKey = usage.GetString();
            }

            result = new AuthorizerResult
            {
                Kind = _authorizer.Kind,
                PrincipalId = principalId,
                Context = contextValues,
                UsageIdentifierKey = usageIdentifierKey,
                LatencyMs = latency,
            };
            return policy.Evaluate(methodArn);
        }
    }

    /// <summary>REST (and payload 1.0) context values must be strings, numbers or booleans; payload 2.0 allows any JSON.</summary>
    private bool ReadContext(JsonElement root, out IReadOnlyDictionary<string, JsonElement> values, out string? problem)
    {
        problem = null;
        var map = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        values = map;
        if (!root.TryGetProperty("context", out var context) || context.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (context.ValueKind != JsonValueKind.Object)
        {
            problem = "context is not an object";
            return false;
        }

        foreach (var property in context.EnumerateObject())
        {
            if (!Payload20 && property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                problem = $"context value '{property.Name}' is an object or array (only strings, numbers and booleans are allowed)";
                return false;
            }

            map[property.Name] = property.Value.Clone();
        }

        return true;
    }
}
