using System.Diagnostics;
using System.Globalization;
using Lakegate.Core.Definitions;
using Lakegate.Core.Functions;
using Lakegate.Core.GatewayResponses;
using Lakegate.Gateway.Functions;
using Lakegate.Gateway.Pipeline;
using Lakegate.Gateway.Responses;
using Microsoft.AspNetCore.Http;

namespace Lakegate.Gateway.Integrations.Function;

/// <summary>
/// AWS_PROXY: builds the Lambda proxy event from the request and its <c>$context</c>, invokes the
/// function and writes the validated proxy result. As API Gateway: a function error, crash or
/// malformed result → 502; a refused invoke (throttled, unknown function) → 500; timeout → 504.
/// </summary>
public sealed class FunctionIntegration : IIntegration
{
    private static readonly HashSet<string> Unsendable = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Trailer",
    };

    private readonly IFunctionInvoker _invoker;
    private readonly TimeProvider _time;
    private readonly string? _functionName;
    private readonly PayloadFormat _format;
    private readonly TimeSpan _timeout;

    internal FunctionIntegration(IFunctionInvoker invoker, TimeProvider time, string? functionName, PayloadFormat format, TimeSpan timeout)
    {
        _invoker = invoker;
        _time = time;
        _functionName = functionName;
        _format = format;
        _timeout = timeout;
    }

    public async ValueTask InvokeAsync(GatewayContext context)
    {
        var name = ResolveName(context);
        if (name is null)
        {
            context.Error = new GatewayError(GatewayResponseType.IntegrationFailure, StatusCode: StatusCodes.Status500InternalServerError, Detail: "the integration names no declared function");
            return;
        }

        ReadOnlyMemory<byte> body;
        try
        {
            body = await ReadBodyAsync(context.Http.Request, context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Error = new GatewayError(GatewayResponseType.RequestTooLarge);
            return;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or BadHttpRequestException)
        {
            context.Error = context.Http.RequestAborted.IsCancellationRequested
                ? null
                : new GatewayError(GatewayResponseType.Default4xx, "Bad request body", Detail: "client request body failed");
            return;
        }

        var request = BuildRequest(context, body, _format);
        var payload = _format == PayloadFormat.HttpV2 ? ProxyEventWriter.WriteV2(request) : ProxyEventWriter.WriteV1(request, httpApi: _format == PayloadFormat.HttpV1);

        var started = Stopwatch.GetTimestamp();
        var result = await _invoker.InvokeAsync(name, payload, _time.GetUtcNow() + _timeout, context.RequestAborted);
        context.IntegrationLatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (context.Http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        switch (result.Outcome)
        {
            case FunctionOutcome.Success:
                break;
            case FunctionOutcome.Timeout:
                Fail(context, new GatewayError(GatewayResponseType.IntegrationTimeout, Detail: $"function {name}: {result.ErrorMessage}"));
                return;
            case FunctionOutcome.TooManyRequests or FunctionOutcome.Rejected:
                Fail(context, new GatewayError(GatewayResponseType.IntegrationFailure, StatusCode: StatusCodes.Status500InternalServerError, Detail: $"function {name}: invoke refused: {result.ErrorType}"));
                return;
            default:
                Fail(context, new GatewayError(GatewayResponseType.IntegrationFailure, StatusCode: StatusCodes.Status502BadGateway, Detail: $"function {name}: {result.Outcome} {result.ErrorType}"));
                return;
        }

        string? invalid;
        var response = _format switch
        {
            PayloadFormat.HttpV2 => ProxyResponseReader.ReadV2(result.Payload, out invalid),
            PayloadFormat.HttpV1 => ProxyResponseReader.ReadV1(result.Payload, decodeBase64: true, out invalid),
            _ => ProxyResponseReader.ReadV1(
                result.Payload,
                BinaryMediaTypes.AcceptMatches(context.Http.Request.Headers.Accept.ToString(), context.Deployment?.Definition.BinaryMediaTypes ?? []),
                out invalid),
        };
        if (response is null)
        {
            Fail(context, new GatewayError(GatewayResponseType.IntegrationFailure, StatusCode: StatusCodes.Status502BadGateway, Detail: $"function {name}: malformed Lambda proxy response: {invalid}"));
            return;
        }

        context.IntegrationStatus = response.StatusCode.ToString(CultureInfo.InvariantCulture);
        var http = context.Http.Response;
        http.StatusCode = response.StatusCode;
        foreach (var (header, value) in response.Headers)
        {
            if (!Unsendable.Contains(header))
            {
                http.Headers.Append(header, value);
            }
        }

        ResponseHeaders.Stamp(context);
        http.ContentLength = response.Body.Length;
        if (!response.Body.IsEmpty && !HttpMethods.IsHead(context.Http.Request.Method))
        {
            await http.Body.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    private static void Fail(GatewayContext context, GatewayError error)
    {
        context.IntegrationStatus = (error.StatusCode ?? 504).ToString(CultureInfo.InvariantCulture);
        // The request handler logs the detail with the request id.
        context.Error = error;
    }

    private string? ResolveName(GatewayContext context) =>
        _functionName is null ? null : FunctionReference.Expand(_functionName, context.StageVariables);

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        using var buffer = request.ContentLength is { } length and <= int.MaxValue ? new MemoryStream((int)length) : new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>The proxy event's source data; also what REQUEST authorizers' events are built from.</summary>
    internal static ProxyRequest BuildRequest(GatewayContext context, ReadOnlyMemory<byte> body, PayloadFormat format)
    {
        var http = context.Http.Request;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in http.Headers)
        {
            foreach (var value in values)
            {
                if (value is not null)
                {
                    headers.Add(new(name, value));
                }
            }
        }

        var stage = context.Stage?.Name ?? string.Empty;
        var below = context.Path;
        var basePath = string.IsNullOrEmpty(context.BasePathMatched) ? string.Empty : "/" + context.BasePathMatched;
        var invokedPath = context.BasePathMatched is not null
            ? basePath + below
            : stage == StageDefinition.DefaultStageName ? below : "/" + stage + below;
        var rawBelow = RequestPathEncoded(context);
        var rawPath = context.BasePathMatched is not null || stage == StageDefinition.DefaultStageName ? rawBelow : "/" + stage + rawBelow;
        var route = context.Route?.Definition;
        return new ProxyRequest
        {
            HttpMethod = http.Method,
            Path = basePath + below,
            ContextPath = invokedPath,
            RawPath = rawPath,
            RawQueryString = http.QueryString.HasValue ? http.QueryString.Value![1..] : string.Empty,
            Headers = headers,
            Body = body,
            ResourcePath = context.ResourcePath ?? route?.Path ?? "/",
            RouteKey = route?.RouteKey,
            PathParameters = context.PathParameters,
            StageVariables = context.StageVariables,
            RequestId = context.RequestId,
            ApiId = context.ApiId ?? string.Empty,
            Stage = stage,
            DeploymentId = context.Deployment?.DeploymentId,
            AccountId = Deployments.DeploymentModel.AccountId,
            DomainName = context.DomainName,
            DomainPrefix = context.DomainPrefix,
            SourceIp = context.SourceIp,
            IdentityAccessKey = context.Caller?.AccessKey,
            IdentityAccountId = context.Caller?.AccountId,
            IdentityCaller = context.Caller?.Caller,
            IdentityUser = context.Caller?.User,
            IdentityUserArn = context.Caller?.UserArn,
            UserAgent = http.Headers.UserAgent.Count > 0 ? http.Headers.UserAgent.ToString() : null,
            RequestTime = context.RequestTime,
            Protocol = http.Protocol,
            BinaryMediaTypes = format == PayloadFormat.Rest ? context.Deployment?.Definition.BinaryMediaTypes ?? [] : null,
            Authorizer = context.Authorizer?.ToEventJson(payload20: format == PayloadFormat.HttpV2),
        };
    }

    private static string RequestPathEncoded(GatewayContext context) =>
        context.PathSegments.Length == 0 ? "/" : Core.Routing.RequestPath.Encode(context.PathSegments);
}
