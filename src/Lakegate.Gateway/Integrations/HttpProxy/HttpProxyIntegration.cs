using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lakegate.Core.GatewayResponses;
using Lakegate.Core.Mapping;
using Lakegate.Gateway.Integrations.Mapping;
using Lakegate.Gateway.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Lakegate.Gateway.Integrations.HttpProxy;

/// <summary>
/// HTTP_PROXY: forwards the request to the expanded integration URI through YARP, streaming both
/// bodies. Backend failures become Gateway Responses: timeout → 504 INTEGRATION_TIMEOUT, no
/// connection → 502 INTEGRATION_FAILURE.
/// </summary>
public sealed class HttpProxyIntegration : IIntegration
{
    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _client;
    private readonly UriTemplate _uri;
    private readonly HttpMethod? _method;
    private readonly ParameterMapping[] _mappings;
    private readonly PathPlaceholders _placeholders;
    private readonly bool _appendRequestPath;
    private readonly ForwarderRequestConfig _config;
    private readonly ILogger _logger;

    internal HttpProxyIntegration(
        IHttpForwarder forwarder,
        HttpMessageInvoker client,
        UriTemplate uri,
        HttpMethod? method,
        IReadOnlyList<ParameterMapping> mappings,
        PathPlaceholders placeholders,
        bool appendRequestPath,
        ForwarderRequestConfig config,
        ILogger logger)
    {
        _forwarder = forwarder;
        _client = client;
        _uri = uri;
        _method = method;
        _mappings = [.. mappings];
        _placeholders = placeholders;
        _appendRequestPath = appendRequestPath;
        _config = config;
        _logger = logger;
    }

    public async ValueTask InvokeAsync(GatewayContext context)
    {
        var target = BuildUri(context);
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            context.Error = new GatewayError(GatewayResponseType.ApiConfigurationError, Detail: "integration URI did not expand to an absolute http(s) URL");
            return;
        }

        var transformer = new ProxyTransformer(context, _method, HeaderMappings(context));
        var started = Stopwatch.GetTimestamp();
        var error = await _forwarder.SendAsync(context.Http, target, _client, _config, transformer, context.RequestAborted);
        context.IntegrationLatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (error == ForwarderError.None)
        {
            context.IntegrationStatus = context.Http.Response.StatusCode.ToString(CultureInfo.InvariantCulture);
            return;
        }

        var exception = context.Http.Features.Get<IForwarderErrorFeature>()?.Exception;
        context.Error = Classify(context, error, exception);
        if (context.Error is { } gatewayError)
        {
            GatewayLog.IntegrationFailed(_logger, context.RequestId, error.ToString(), gatewayError.Type.ToString(), exception?.GetType().Name ?? "none");
        }
    }

    private static GatewayError? Classify(GatewayContext context, ForwarderError error, Exception? exception)
    {
        switch (error)
        {
            case ForwarderError.RequestTimedOut:
                return new GatewayError(GatewayResponseType.IntegrationTimeout);
            case ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled when context.Http.RequestAborted.IsCancellationRequested:
                // The client left: nobody to answer.
                return null;
            case ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled:
                // Our whole-request timeout fired.
                return new GatewayError(GatewayResponseType.IntegrationTimeout);
            case ForwarderError.RequestBodyClient or ForwarderError.RequestBodyDestination or ForwarderError.Request when IsBodyTooLarge(exception):
                return new GatewayError(GatewayResponseType.RequestTooLarge);
            case ForwarderError.RequestBodyClient:
                return new GatewayError(GatewayResponseType.Default4xx, "Bad request body", Detail: "client request body failed");
            case ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient or ForwarderError.ResponseBodyDestination:
                // Headers are already out; the writer aborts the connection so a truncated body is not taken for whole.
                return new GatewayError(GatewayResponseType.IntegrationFailure, StatusCode: StatusCodes.Status502BadGateway);
            default:
                return new GatewayError(GatewayResponseType.IntegrationFailure, StatusCode: StatusCodes.Status502BadGateway);
        }
    }

    /// <summary>Kestrel's body-size stop may reach us wrapped in the client's exceptions.</summary>
    private static bool IsBodyTooLarge(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }

    private string BuildUri(GatewayContext context)
    {
        var expanded = _uri.Expand(
            name => _placeholders.Encode(context, name),
            name => context.StageVariables.GetValueOrDefault(name));

        var builder = new StringBuilder(expanded);
        if (_appendRequestPath)
        {
            // HTTP APIs: the $default route passes the whole request path on to the integration URL.
            var queryAt = expanded.IndexOf('?');
            var path = Core.Routing.RequestPath.Encode(context.PathSegments);
            if (queryAt < 0)
            {
                builder.Length = expanded.TrimEnd('/').Length;
                builder.Append(path);
            }
            else
            {
                builder.Insert(queryAt, path.TrimStart('/'));
            }
        }

        AppendQuery(context, builder);
        return builder.ToString();
    }

    private void AppendQuery(GatewayContext context, StringBuilder builder)
    {
        var original = context.Http.Request.QueryString.HasValue ? context.Http.Request.QueryString.Value![1..] : string.Empty;
        var separator = builder.ToString().Contains('?') ? '&' : '?';
        if (original.Length > 0)
        {
            builder.Append(separator).Append(original);
            separator = '&';
        }

        foreach (var mapping in _mappings)
        {
            if (mapping.Destination is not (ParameterLocation.QueryString or ParameterLocation.MultiValueQueryString))
            {
                continue;
            }

            var value = MappingSources.Resolve(context, mapping);
            if (value is null)
            {
                continue;
            }

            builder.Append(separator).Append(Uri.EscapeDataString(mapping.DestinationName)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }
    }

    private List<KeyValuePair<string, string>>? HeaderMappings(GatewayContext context)
    {
        List<KeyValuePair<string, string>>? headers = null;
        foreach (var mapping in _mappings)
        {
            if (mapping.Destination is not (ParameterLocation.Header or ParameterLocation.MultiValueHeader))
            {
                continue;
            }

            var value = MappingSources.Resolve(context, mapping);
            if (value is not null)
            {
                (headers ??= []).Add(new KeyValuePair<string, string>(mapping.DestinationName, value));
            }
        }

        return headers;
    }
}
