using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Lakegate.Core.GatewayResponses;
using Lakegate.Core.Mapping;
using Lakegate.Core.Vtl.ApiGateway;
using Lakegate.Gateway.Integrations.Mapping;
using Lakegate.Gateway.Pipeline;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Integrations.Http;

/// <summary>
/// HTTP (non-proxy): the integration request is built from parameter mappings and the request
/// template (only mapped headers and query parameters reach the backend), the backend response is
/// buffered and mapped back through the integration responses. Timeout → 504, no connection → 502.
/// </summary>
public sealed class HttpIntegration : IIntegration
{
    /// <summary>Backend bodies are buffered for mapping; API Gateway's payload limit bounds them.</summary>

    private readonly HttpMessageInvoker _client;
    private readonly UriTemplate _uri;
    private readonly HttpMethod _method;
    private readonly ParameterMapping[] _mappings;
    private readonly PathPlaceholders _placeholders;
    private readonly TemplateSet _requestTemplates;
    private readonly PassthroughBehavior _passthrough;
    private readonly IntegrationResponseSelector _responses;
    private readonly TimeSpan _timeout;
    private readonly TemplateRunner _templates;
    private readonly ILogger _logger;
    private readonly ContentHandlingMode _contentHandling;

    private static readonly GatewayError NotBase64 = new(GatewayResponseType.ApiConfigurationError,
        Detail: "contentHandling CONVERT_TO_BINARY: the integration request is not base64");

    internal HttpIntegration(
        HttpMessageInvoker client,
        UriTemplate uri,
        HttpMethod method,
        IReadOnlyList<ParameterMapping> mappings,
        PathPlaceholders placeholders,
        TemplateSet requestTemplates,
        PassthroughBehavior passthrough,
        IntegrationResponseSelector responses,
        TimeSpan timeout,
        TemplateRunner templates,
        ILogger logger,
        ContentHandlingMode contentHandling = ContentHandlingMode.Passthrough)
    {
        _contentHandling = contentHandling;
        _client = client;
        _uri = uri;
        _method = method;
        _mappings = [.. mappings];
        _placeholders = placeholders;
        _requestTemplates = requestTemplates;
        _passthrough = passthrough;
        _responses = responses;
        _timeout = timeout;
        _templates = templates;
        _logger = logger;
    }

    public async ValueTask InvokeAsync(GatewayContext context)
    {
        var methodRequest = await MethodRequestReader.ReadPayloadAsync(context);
        var request = methodRequest.Input;
        var contextObject = new ContextObject(context);
        var decision = _requestTemplates.SelectForRequest(context.Http.Request.ContentType, _passthrough, out var template);

        // The integration request body is rendered into pooled memory (no string, no re-encoding),
        // or is the client's payload itself.
        using var rendered = new PooledBufferWriter();
        ReadOnlyMemory<byte>? body;
        string? contentType;
        switch (decision)
        {
            case RequestBodyDecision.Unsupported:
                context.Error = new GatewayError(GatewayResponseType.UnsupportedMediaType);
                return;
            case RequestBodyDecision.Transform:
                if (!_templates.RenderTo(template!, context, request, contextObject, rendered))
                {
                    return;
                }

                if (!ContentHandling.TryConvertTemplateOutput(rendered.WrittenMemory, _contentHandling, out var converted))
                {
                    context.Error = NotBase64;
                    return;
                }

                // A copy the size of the body: HttpClient may still be sending it after the response
                // arrives (a backend that answers early), so it must not live in pooled memory.
                body = converted.ToArray();
                contentType = MediaTypes.Json;
                break;
            default:
                if (!ContentHandling.TryConvertRequest(methodRequest.Payload, methodRequest.IsBinary, _contentHandling, out var passed))
                {
                    context.Error = NotBase64;
                    return;
                }

                body = methodRequest.HasBody ? passed : null;
                contentType = context.Http.Request.ContentType;
                break;
        }

        using var message = BuildRequest(context, request, contextObject, body, contentType);
        if (message is null)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(_timeout);
        var started = Stopwatch.GetTimestamp();
        IntegrationResult result;
        try
        {
            using var response = await _client.SendAsync(message, timeout.Token);
            result = await ReadAsync(response, context.Deployment?.Definition.BinaryMediaTypes ?? [], timeout.Token);
        }
        catch (OperationCanceledException) when (!context.Http.RequestAborted.IsCancellationRequested)
        {
            context.Error = new GatewayError(GatewayResponseType.IntegrationTimeout);
            return;
        }
        catch (HttpRequestException ex)
        {
            GatewayLog.IntegrationFailed(_logger, context.RequestId, "http", nameof(GatewayResponseType.IntegrationFailure), ex.GetType().Name);
            context.Error = new GatewayError(GatewayResponseType.IntegrationFailure, StatusCode: 502);
            return;
        }
        catch (InvalidDataException)
        {
            context.Error = new GatewayError(GatewayResponseType.IntegrationFailure, StatusCode: 502, Detail: "integration response larger than 10 MB");
            return;
        }
        finally
        {
            context.IntegrationLatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var subject = result.StatusCode.ToString(CultureInfo.InvariantCulture);
        context.IntegrationStatus = subject;
        await MethodResponseWriter.WriteAsync(context, _responses, subject, result, request, contextObject, _templates);
    }

    private HttpRequestMessage? BuildRequest(GatewayContext context, ApiGatewayRequest request, ContextObject contextObject, ReadOnlyMemory<byte>? body, string? contentType)
    {
        var overrides = contextObject.RequestOverride;
        var uri = new StringBuilder(_uri.Expand(
            name => overrides.Path.Values.TryGetValue(name, out var overridden)
                ? UriTemplate.EncodePathValue(overridden, keepSlashes: false)
                : _placeholders.Encode(context, name, request),
            name => context.StageVariables.GetValueOrDefault(name)));

        var separator = uri.ToString().Contains('?') ? '&' : '?';
        var query = new List<KeyValuePair<string, string>>();
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var mapping in _mappings)
        {
            var value = MappingSources.Resolve(context, mapping, request);
            if (value is null)
            {
                continue;
            }

            if (mapping.Destination is ParameterLocation.QueryString or ParameterLocation.MultiValueQueryString)
            {
                query.Add(new KeyValuePair<string, string>(mapping.DestinationName, value));
            }
            else if (mapping.Destination is ParameterLocation.Header or ParameterLocation.MultiValueHeader)
            {
                headers.Add(new KeyValuePair<string, string>(mapping.DestinationName, value));
            }
        }

        // Overrides come last and win (reference §2.6).
        query.RemoveAll(q => overrides.QueryString.Values.ContainsKey(q.Key));
        query.AddRange(overrides.QueryString.Values);
        headers.RemoveAll(h => overrides.Header.Values.ContainsKey(h.Key));
        headers.AddRange(overrides.Header.Values);

        foreach (var (name, value) in query)
        {
            uri.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        if (!Uri.TryCreate(uri.ToString(), UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            context.Error = new GatewayError(GatewayResponseType.ApiConfigurationError, Detail: "integration URI did not expand to an absolute http(s) URL");
            return null;
        }

        var message = new HttpRequestMessage(_method, target);
        if (body is { } bytes && _method != HttpMethod.Get && _method != HttpMethod.Head)
        {
            message.Content = new ReadOnlyMemoryContent(bytes);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType ?? MediaTypes.Json, out var parsed)
                ? parsed
                : new MediaTypeHeaderValue(MediaTypes.Json);
        }

        message.Headers.Accept.ParseAdd(MediaTypes.Json);
        foreach (var (name, value) in headers)
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase) && message.Content is not null)
            {
                message.Content.Headers.Remove("Content-Type");
                message.Content.Headers.TryAddWithoutValidation("Content-Type", value);
                continue;
            }

            message.Headers.Remove(name);
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    private static async Task<IntegrationResult> ReadAsync(HttpResponseMessage response, IReadOnlyList<string> binaryMediaTypes, CancellationToken cancellationToken)
    {
        var (headers, body) = await IntegrationResponseReader.ReadAsync(response, cancellationToken);
        var isBinary = ContentHandling.IsBinary(response.Content.Headers.ContentType?.ToString(), binaryMediaTypes);
        return new IntegrationResult((int)response.StatusCode, headers, body, isBinary);
    }
}
