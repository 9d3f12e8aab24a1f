using Lakegate.Core.GatewayResponses;
using Lakegate.Core.Routing;
using Lakegate.Gateway.Cors;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Pipeline;
using Lakegate.Gateway.Responses;
using Lakegate.Gateway.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lakegate.Gateway.Hosting;

/// <summary>
/// The data plane's one endpoint: edge checks, invoke-URL resolution, canary draw, route match, then
/// the route's compiled chain; any <see cref="GatewayError"/> left on the context becomes a Gateway
/// Response. Unexpected exceptions are logged and answered with a plain 500: never a stack trace.
/// </summary>
public sealed class GatewayRequestHandler
{
    private readonly ServingState _state;
    private readonly IRandomSource _random;
    private readonly TimeProvider _time;
    private readonly GatewayOptions _options;
    private readonly ILogger _logger;
    private readonly ILogger _accessLogger;

    public GatewayRequestHandler(
        ServingState state,
        IRandomSource random,
        TimeProvider time,
        IOptions<GatewayOptions> options,
        ILoggerFactory loggerFactory)
    {
        _state = state;
        _random = random;
        _time = time;
        _options = options.Value;
        _logger = loggerFactory.CreateLogger<GatewayRequestHandler>();
        _accessLogger = loggerFactory.CreateLogger("Lakegate.Access");
    }

    public async Task HandleAsync(HttpContext http)
    {
        var snapshot = _state.Current;
        var context = new GatewayContext(http, Guid.NewGuid().ToString(), _time.GetUtcNow(), _time.GetTimestamp());
        CancellationTokenSource? timeout = null;
        try
        {
            context.Error = CheckEdgeLimits(http);
            if (context.Error is null)
            {
                if (_options.Limits.RequestTimeoutSeconds > 0)
                {
                    timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
                    timeout.CancelAfter(TimeSpan.FromSeconds(_options.Limits.RequestTimeoutSeconds));
                    context.RequestAborted = timeout.Token;
                }

                await ServeAsync(context, snapshot);
            }

            if (context.Error is { } error)
            {
                if (error.Detail is not null)
                {
                    GatewayLog.GatewayErrorDetail(_logger, context.RequestId, error.Type.ToString(), error.Detail);
                }

                await GatewayResponseWriter.WriteAsync(context, error);
            }
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            GatewayLog.UnhandledError(_logger, context.RequestId, ex);
            context.Error = new GatewayError(GatewayResponseType.Default5xx);
            await GatewayResponseWriter.WriteAsync(context, context.Error);
        }
        catch (OperationCanceledException)
        {
            // The client went away; there is nobody to answer.
        }
        finally
        {
            timeout?.Dispose();
            if (_options.AccessLog && _accessLogger.IsEnabled(LogLevel.Information))
            {
                WriteAccessLog(context);
            }
        }
    }

    private async ValueTask ServeAsync(GatewayContext context, ServingSnapshot snapshot)
    {
        var http = context.Http;
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        context.DomainName = http.Request.Host.Host;
        if (!RequestPath.TrySplit(rawTarget, out var segments))
        {
            context.Error = new GatewayError(GatewayResponseType.MissingAuthenticationToken);
            return;
        }

        if (segments.Length == 2 && segments[0] == "_lakegate" && segments[1] == "health")
        {
            await WriteHealthAsync(http, snapshot);
            return;
        }

        // The OpenAPI document of an api stage's dataset routes (docs/datasets.md).
        if (segments.Length == 4 && segments[0] == "_lakegate" && segments[1] == "openapi")
        {
            await Integrations.Dataset.DatasetOpenApiEndpoint.WriteAsync(context, snapshot, segments[2], segments[3]);
            return;
        }

        var target = InvokeUrlResolver.Resolve(snapshot, context.DomainName, segments);
        if (target.Api is null)
        {
            context.Error = new GatewayError(GatewayResponseType.MissingAuthenticationToken);
            return;
        }

        context.ApiId = target.Api.ApiId;
        context.ApiKind = target.Api.Kind;
        if (target.Stage is not { } stage)
        {
            context.Error = new GatewayError(GatewayResponseType.MissingAuthenticationToken);
            return;
        }

        context.Stage = stage;
        context.BasePathMatched = target.BasePathMatched;
        var deployment = stage.Deployment;
        var variables = stage.Variables;
        if (stage.Canary is { } canary)
        {
            var isCanary = canary.PercentTraffic > 0 && _random.NextDouble() * 100.0 < canary.PercentTraffic;
            context.IsCanaryRequest = isCanary;
            if (isCanary)
            {
                deployment = canary.Deployment;
                variables = canary.Variables;
            }
        }

        context.Deployment = deployment;
        context.StageVariables = variables;
        context.PathSegments = segments[target.PathStart..];

        if (deployment.Cors is { } cors && http.Request.Headers.Origin.Count > 0)
        {
            if (HttpApiCors.IsPreflight(http.Request))
            {
                await HttpApiCors.WritePreflightAsync(http, cors);
                return;
            }

            HttpApiCors.ApplyToResponse(http, cors);
        }

        var match = deployment.Routes.Match(http.Request.Method, context.PathSegments);
        if (match.Kind != RouteMatchKind.Matched)
        {
            context.Error = new GatewayError(GatewayResponseType.MissingAuthenticationToken);
            return;
        }

        context.Route = match.Value;
        context.ResourcePath = match.ResourcePath;
        context.PathParameters = match.Parameters;
        await match.Value!.Chain(context);
    }

    /// <summary>Size and count limits checked before any work, with clear errors instead of Kestrel's empty ones.</summary>
    private GatewayError? CheckEdgeLimits(HttpContext http)
    {
        var limits = _options.Limits;
        var request = http.Request;
        if (request.ContentLength > limits.MaxRequestBodyBytes)
        {
            return new GatewayError(GatewayResponseType.RequestTooLarge);
        }

        var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            // Chunked bodies have no Content-Length: Kestrel stops them at the same limit while streaming.
            sizeFeature.MaxRequestBodySize = limits.MaxRequestBodyBytes;
        }

        var headers = request.Headers;
        if (headers.Count > limits.MaxRequestHeaderCount)
        {
            return new GatewayError(GatewayResponseType.Default4xx, "Request Header Fields Too Large", StatusCodes.Status431RequestHeaderFieldsTooLarge,
                $"{headers.Count} headers, limit {limits.MaxRequestHeaderCount}");
        }

        var bytes = 0;
        foreach (var (name, values) in headers)
        {
            bytes += name.Length;
            foreach (var value in values)
            {
                bytes += value?.Length ?? 0;
            }
        }

        return bytes > limits.MaxRequestHeaderBytes
            ? new GatewayError(GatewayResponseType.Default4xx, "Request Header Fields Too Large", StatusCodes.Status431RequestHeaderFieldsTooLarge,
                $"{bytes} header bytes, limit {limits.MaxRequestHeaderBytes}")
            : null;
    }

    private static Task WriteHealthAsync(HttpContext http, ServingSnapshot snapshot)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync($"{{\"status\":\"ok\",\"revision\":{snapshot.Revision}}}");
    }

    private void WriteAccessLog(GatewayContext context)
    {
        var http = context.Http;
        var latency = _time.GetElapsedTime(context.StartTimestamp).TotalMilliseconds;
        GatewayLog.Access(
            _accessLogger,
            context.RequestId,
            context.ApiId ?? "-",
            context.Stage?.Name ?? "-",
            context.Deployment?.DeploymentId ?? "-",
            context.IsCanaryRequest switch { true => "true", false => "false", null => "-" },
            http.Request.Method,
            http.Request.Path.Value ?? "/",
            http.Response.StatusCode,
            latency,
            context.IntegrationLatencyMs ?? 0,
            context.Error is { } e ? GatewayResponseCatalog.Get(e.Type).Name : "-");
    }
}
