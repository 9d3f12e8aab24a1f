using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lakegate.Core.AwsServices;
using Lakegate.Core.Functions;
using Lakegate.Core.GatewayResponses;
using Lakegate.Core.Mapping;
using Lakegate.Core.Signing;
using Lakegate.Core.Vtl.ApiGateway;
using Lakegate.Gateway.Integrations.Mapping;
using Lakegate.Gateway.Pipeline;
using Lakegate.Gateway.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Integrations.Aws;

/// <summary>
/// An <c>AWS</c> integration that calls a service action or path (reference §1.4, §1.8): the request template
/// renders the service request, Lakegate shapes it for the service's protocol (JSON with X-Amz-Target, query
/// parameters, or REST), signs it with SigV4 and sends it; the service's status code selects the integration
/// response. Binary bodies follow binaryMediaTypes and contentHandling (§1.11). Keys never reach a response or a
/// log line. Unreachable service → 502, timeout → 504, no credentials → 500.
/// </summary>
public sealed class AwsServiceIntegration : IIntegration
{
    private const string ConvertToText = "CONVERT_TO_TEXT";
    private const string ConvertToBinary = "CONVERT_TO_BINARY";

    // Set by the signer or by the HTTP stack; a mapping must not replace them (reference §1.13).
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "host", "content-length", "transfer-encoding", "connection", "expect", "te", "proxy-authenticate",
        "x-amzn-trace-id", SigV4.DateHeader, SigV4.SecurityTokenHeader, SigV4.ContentSha256Header,
    };

    private static readonly UriCreationOptions ExactUri = new() { DangerousDisablePathAndQueryCanonicalization = true };

    private readonly HttpMessageInvoker _client;
    private readonly AwsServiceTarget _target;
    private readonly AwsEndpoints _endpoints;
    private readonly IAwsCredentialsProvider _credentials;
    private readonly string? _credentialsName;
    private readonly ParameterMapping[] _mappings;
    private readonly PathPlaceholders _placeholders;
    private readonly TemplateSet _requestTemplates;
    private readonly PassthroughBehavior _passthrough;
    private readonly string? _requestHandling;
    private readonly IntegrationResponseSelector _responses;
    private readonly IReadOnlyList<string> _binaryMediaTypes;
    private readonly TimeSpan _timeout;
    private readonly TemplateRunner _templates;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal AwsServiceIntegration(
        HttpMessageInvoker client,
        AwsServiceTarget target,
        AwsEndpoints endpoints,
        IAwsCredentialsProvider credentials,
        string? credentialsName,
        IReadOnlyList<ParameterMapping> mappings,
        PathPlaceholders placeholders,
        TemplateSet requestTemplates,
        PassthroughBehavior passthrough,
        string? requestHandling,
        IntegrationResponseSelector responses,
        IReadOnlyList<string> binaryMediaTypes,
        TimeSpan timeout,
        TemplateRunner templates,
        TimeProvider time,
        ILogger logger)
    {
        _client = client;
        _target = target;
        _endpoints = endpoints;
        _credentials = credentials;
        _credentialsName = credentialsName;
        _mappings = [.. mappings];
        _placeholders = placeholders;
        _requestTemplates = requestTemplates;
        _passthrough = passthrough;
        _requestHandling = requestHandling;
        _responses = responses;
        _binaryMediaTypes = binaryMediaTypes;
        _timeout = timeout;
        _templates = templates;
        _time = time;
        _logger = logger;
    }

    public async ValueTask InvokeAsync(GatewayContext context)
    {
        var http = context.Http.Request;
        // One read of the body: the raw payload, whether it is binary, and the template input (which sees a
        // binary payload as base64, reference §1.11) all come from the shared method-request reader.
        var methodRequest = await MethodRequestReader.ReadPayloadAsync(context);
        var raw = methodRequest.Payload.ToArray();
        var binaryRequest = methodRequest.IsBinary;
        var request = methodRequest.Input;
        var contextObject = new ContextObject(context);

        byte[] payload;
        string? payloadType;
        switch (_requestTemplates.SelectForRequest(http.ContentType, _passthrough, out var template))
        {
            case RequestBodyDecision.Unsupported:
                context.Error = new GatewayError(GatewayResponseType.UnsupportedMediaType);
                return;
            case RequestBodyDecision.Transform:
                var rendered = _templates.Render(template!, context, request, contextObject);
                if (rendered is null)
                {
                    return;
                }

                payload = Encoding.UTF8.GetBytes(rendered);
                payloadType = null;
                if (_requestHandling == ConvertToBinary && !TryDecodeBase64(rendered, out payload))
                {
                    context.Error = new GatewayError(GatewayResponseType.ApiConfigurationError, Detail: "contentHandling CONVERT_TO_BINARY: the rendered request is not base64");
                    return;
                }

                break;
            default:
                payload = raw;
                payloadType = http.ContentType;
                if (_requestHandling == ConvertToText && binaryRequest)
                {
                    payload = Encoding.UTF8.GetBytes(Convert.ToBase64String(raw));
                }
                else if (_requestHandling == ConvertToBinary && !binaryRequest && !TryDecodeBase64(Encoding.UTF8.GetString(raw), out payload))
                {
                    context.Error = new GatewayError(GatewayResponseType.ApiConfigurationError, Detail: "contentHandling CONVERT_TO_BINARY: the request body is not base64");
                    return;
                }

                break;
        }

        var credentials = _credentials.Resolve(_credentialsName, out var problem);
        if (credentials is null)
        {
            AwsIntegrationLog.NoCredentials(_logger, context.RequestId, _target.Service.Name, _target.Operation, problem ?? "unknown");
            context.Error = new GatewayError(GatewayResponseType.ApiConfigurationError, Detail: problem);
            return;
        }

        using var message = BuildRequest(context, request, contextObject, payload, payloadType, credentials);
        if (message is null)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(_timeout);
        var started = Stopwatch.GetTimestamp();
        int status;
        Dictionary<string, IReadOnlyList<string>> headers;
        byte[] body;
        try
        {
            using var response = await _client.SendAsync(message, timeout.Token);
            status = (int)response.StatusCode;
            var (read, bytes) = await IntegrationResponseReader.ReadAsync(response, timeout.Token);
            (headers, body) = (read, bytes.ToArray());
        }
        catch (OperationCanceledException) when (!context.Http.RequestAborted.IsCancellationRequested)
        {
            context.Error = new GatewayError(GatewayResponseType.IntegrationTimeout);
            return;
        }
        catch (HttpRequestException ex)
        {
            AwsIntegrationLog.CallFailed(_logger, context.RequestId, _target.Service.Name, _target.Operation, ex.HttpRequestError.ToString());
            context.Error = new GatewayError(GatewayResponseType.IntegrationFailure, StatusCode: StatusCodes.Status502BadGateway);
            return;
        }
        catch (InvalidDataException)
        {
            context.Error = new GatewayError(GatewayResponseType.IntegrationFailure, StatusCode: StatusCodes.Status502BadGateway, Detail: "aws integration response larger than 10 MB");
            return;
        }
        finally
        {
            context.IntegrationLatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var subject = status.ToString(CultureInfo.InvariantCulture);
        context.IntegrationStatus = subject;
        await WriteResponseAsync(context, subject, status, headers, body, request, contextObject);
    }

    private HttpRequestMessage? BuildRequest(GatewayContext context, ApiGatewayRequest request, ContextObject contextObject, byte[] payload, string? payloadType, AwsCredentials credentials)
    {
        var uri = _target.Uri;
        var region = uri.Region;
        if (region.StartsWith("${stageVariables.", StringComparison.Ordinal))
        {
            region = context.StageVariables.GetValueOrDefault(region["${stageVariables.".Length..^1]) ?? "";
        }

        if (region.Length == 0)
        {
            region = _endpoints.DefaultRegion;
        }

        var (baseUrl, custom) = _endpoints.Resolve(uri.Service, region, uri.Subdomain);
        var overrides = contextObject.RequestOverride;
        var path = new StringBuilder();
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
                query.Add(new(mapping.DestinationName, value));
            }
            else if (mapping.Destination is ParameterLocation.Header or ParameterLocation.MultiValueHeader && !ReservedHeaders.Contains(mapping.DestinationName))
            {
                headers.RemoveAll(h => h.Key.Equals(mapping.DestinationName, StringComparison.OrdinalIgnoreCase));
                headers.Add(new(mapping.DestinationName, value));
            }
        }

        query.RemoveAll(q => overrides.QueryString.Values.ContainsKey(q.Key));
        query.AddRange(overrides.QueryString.Values);
        foreach (var (name, value) in overrides.Header.Values)
        {
            if (!ReservedHeaders.Contains(name))
            {
                headers.RemoveAll(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
                headers.Add(new(name, value));
            }
        }

        string Expand(UriTemplate template) => template.Expand(
            name => overrides.Path.Values.TryGetValue(name, out var overridden)
                ? UriTemplate.EncodePathValue(overridden, keepSlashes: false)
                : _placeholders.Encode(context, name, request),
            name => context.StageVariables.GetValueOrDefault(name));

        var mappedType = headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        var service = _target.Service;
        var method = _target.Method;
        if (uri.IsAction)
        {
            path.Append('/');
            var json = service.Protocol == AwsProtocol.Json
                || (service.TargetPrefix is not null && mappedType is not null && mappedType.StartsWith("application/x-amz-json", StringComparison.OrdinalIgnoreCase));
            if (json)
            {
                if (mappedType is null)
                {
                    headers.Add(new("Content-Type", service.JsonContentType ?? "application/x-amz-json-1.1"));
                }

                if (!headers.Any(h => h.Key.Equals("X-Amz-Target", StringComparison.OrdinalIgnoreCase)))
                {
                    headers.Add(new("X-Amz-Target", $"{service.TargetPrefix}.{uri.Action}"));
                }
            }
            else
            {
                query.Insert(0, new("Action", uri.Action!));
                if (service.QueryVersion is not null)
                {
                    query.Insert(1, new("Version", service.QueryVersion));
                }

                if (mappedType is null && payload.Length > 0)
                {
                    headers.Add(new("Content-Type", "application/x-www-form-urlencoded"));
                }
            }

            foreach (var (name, value) in _target.ActionParameters)
            {
                query.Add(new(name, Uri.UnescapeDataString(Expand(value))));
            }
        }
        else
        {
            if (custom && uri.Subdomain is not null && service.Name == "s3")
            {
                // A custom endpoint (an emulator, a private store) takes the bucket in the path.
                path.Append('/').Append(Uri.EscapeDataString(uri.Subdomain));
            }

            path.Append(Expand(_target.PathTemplate!));
            if (_target.PathQuery is { Length: > 0 } pathQuery)
            {
                query.InsertRange(0, CanonicalRequest.ParseQuery(pathQuery).Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
            }

            if (mappedType is null && payload.Length > 0)
            {
                headers.Add(new("Content-Type", payloadType ?? MediaTypes.Json));
            }
        }

        if (!headers.Any(h => h.Key.Equals("Accept", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new("Accept", MediaTypes.Json));
        }

        var sendsBody = payload.Length > 0 || method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch;
        if (!sendsBody)
        {
            headers.RemoveAll(h => IsContentHeader(h.Key));
        }

        var wireQuery = new StringBuilder();
        foreach (var (name, value) in query)
        {
            wireQuery.Append(wireQuery.Length == 0 ? "" : "&")
                .Append(CanonicalRequest.Encode(name, encodeSlash: true)).Append('=').Append(CanonicalRequest.Encode(value, encodeSlash: true));
        }

        var wirePath = path.Length == 0 ? "/" : path.ToString();
        if (!Uri.TryCreate(baseUrl + wirePath + (wireQuery.Length > 0 ? "?" + wireQuery : ""), in ExactUri, out var target)
            || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            context.Error = new GatewayError(GatewayResponseType.ApiConfigurationError, Detail: "aws integration URI did not expand to an absolute http(s) URL");
            return null;
        }

        var host = target.IsDefaultPort ? target.Host : target.Authority;
        var signing = new SigningRequest(method.Method, wirePath, wireQuery.ToString(), [new("host", host), .. headers], SigV4.HashPayload(payload));
        var now = _time.GetUtcNow();
        var style = service.Name == "s3" ? CanonicalUriStyle.S3 : CanonicalUriStyle.Standard;
        var signed = SigV4.SignHeaders(signing, [.. headers.Select(h => h.Key)], credentials,
            SigningScope.For(now, region, service.SigningName), now, style, includeContentSha256: service.Name == "s3");

        var message = new HttpRequestMessage(method, target);
        if (sendsBody)
        {
            message.Content = new ByteArrayContent(payload);
        }

        foreach (var (name, value) in headers.Concat(signed))
        {
            if (IsContentHeader(name))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    private async ValueTask WriteResponseAsync(GatewayContext context, string subject, int status, Dictionary<string, IReadOnlyList<string>> headers,
        byte[] body, ApiGatewayRequest request, ContextObject contextObject)
    {
        var selected = _responses.Select(subject);
        var backendType = headers.TryGetValue("Content-Type", out var types) && types.Count > 0 ? types[0] : null;
        if (selected is not null && selected.ContentHandling == ContentHandlingMode.ConvertToBinary)
        {
            if (!TryDecodeBase64(Encoding.UTF8.GetString(body), out var decoded))
            {
                context.Error = new GatewayError(GatewayResponseType.ApiConfigurationError, Detail: "contentHandling CONVERT_TO_BINARY: the integration response is not base64");
                return;
            }

            await WriteBinaryAsync(context, selected, new IntegrationResult(status, headers, ""), decoded, backendType, request, contextObject);
            return;
        }

        if (selected is not null && selected.ContentHandling != ContentHandlingMode.ConvertToText && _binaryMediaTypes.Count > 0
            && (BinaryMediaTypes.AcceptMatches(context.Http.Request.Headers.Accept.ToString(), _binaryMediaTypes)
                || (backendType is not null && BinaryMediaTypes.Matches(backendType, _binaryMediaTypes))))
        {
            await WriteBinaryAsync(context, selected, new IntegrationResult(status, headers, ""), body, backendType, request, contextObject);
            return;
        }

        var text = selected?.ContentHandling == ContentHandlingMode.ConvertToText ? Convert.ToBase64String(body) : Encoding.UTF8.GetString(body);
        await MethodResponseWriter.WriteAsync(context, _responses, subject, new IntegrationResult(status, headers, text), request, contextObject, _templates);
    }

    // The binary path of a method response: status and header mappings as in MethodResponseWriter, body bytes untouched.
    private static async ValueTask WriteBinaryAsync(GatewayContext context, IntegrationResponseModel selected, IntegrationResult result, byte[] body,
        string? backendType, ApiGatewayRequest request, ContextObject contextObject)
    {
        var response = context.Http.Response;
        response.StatusCode = contextObject.ResponseOverride.Status ?? selected.StatusCode;
        response.ContentType = backendType ?? "application/octet-stream";
        foreach (var mapping in selected.Parameters)
        {
            if (MappingSources.Resolve(context, mapping, result, request) is { } value)
            {
                response.Headers[mapping.Header] = value;
            }
        }

        foreach (var (name, value) in contextObject.ResponseOverride.Header.Values)
        {
            response.Headers[name] = value;
        }

        ResponseHeaders.Stamp(context);
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Http.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    private static bool IsContentHeader(string name) =>
        name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) || name.Equals("Expires", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Last-Modified", StringComparison.OrdinalIgnoreCase) || name.Equals("Allow", StringComparison.OrdinalIgnoreCase);
}
