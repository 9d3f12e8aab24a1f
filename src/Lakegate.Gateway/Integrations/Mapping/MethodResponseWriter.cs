using Lakegate.Core.GatewayResponses;
using Lakegate.Core.Mapping;
using Lakegate.Core.Vtl.ApiGateway;
using Lakegate.Gateway.Pipeline;
using Lakegate.Gateway.Responses;
using Microsoft.AspNetCore.Http;

namespace Lakegate.Gateway.Integrations.Mapping;

/// <summary>
/// Turns a buffered integration result into the method response (reference §1.5, §1.7, §2.6):
/// integration response chosen by selection pattern, header mappings, the response template chosen
/// by Accept (or the body passed through), then <c>$context.responseOverride</c>.
/// </summary>
public static class MethodResponseWriter
{
    private static readonly GatewayError NotBase64 = new(GatewayResponseType.ApiConfigurationError,
        Detail: "contentHandling CONVERT_TO_BINARY: the integration response is not base64");

    public static async ValueTask WriteAsync(
        GatewayContext context,
        IntegrationResponseSelector responses,
        string? selectionSubject,
        IntegrationResult result,
        ApiGatewayRequest methodRequest,
        ContextObject contextObject,
        TemplateRunner templates)
    {
        var selected = responses.Select(selectionSubject);
        if (selected is null)
        {
            context.Error = new GatewayError(GatewayResponseType.ApiConfigurationError,
                Detail: $"no integration response matches '{selectionSubject}' and none is the default");
            return;
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var mapping in selected.Parameters)
        {
            var value = MappingSources.Resolve(context, mapping, result, methodRequest);
            if (value is not null)
            {
                headers.Add(new KeyValuePair<string, string>(mapping.Header, value));
            }
        }

        // The body is rendered into (or converted into) pooled memory and copied once to the response.
        var binaryMediaTypes = context.Deployment?.Definition.BinaryMediaTypes ?? [];
        using var rendered = new PooledBufferWriter();
        ReadOnlyMemory<byte> body;
        string contentType;
        if (selected.Templates.SelectForResponse(context.Http.Request.Headers.Accept.ToString()) is { } template)
        {
            // In response templates $input is the integration response; $input.params() stays the method request's.
            if (!templates.RenderTo(template.Value, context, methodRequest with { Body = result.Body }, contextObject, rendered))
            {
                return;
            }

            if (!ContentHandling.TryConvertTemplateOutput(rendered.WrittenMemory, selected.ContentHandling, out body))
            {
                context.Error = NotBase64;
                return;
            }

            contentType = template.Key;
        }
        else
        {
            var acceptsBinary = ContentHandling.AcceptsBinary(context.Http.Request.Headers.Accept.ToString(), binaryMediaTypes);
            if (!ContentHandling.TryConvertResponse(result.Payload, result.IsBinary, acceptsBinary, binaryMediaTypes.Count > 0, selected.ContentHandling, out body))
            {
                context.Error = NotBase64;
                return;
            }

            contentType = result.ContentType ?? MediaTypes.Json;
        }

        var response = context.Http.Response;
        response.StatusCode = contextObject.ResponseOverride.Status ?? selected.StatusCode;
        response.ContentType = contentType;
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        foreach (var (name, value) in contextObject.ResponseOverride.Header.Values)
        {
            response.Headers[name] = value;
        }

        ResponseHeaders.Stamp(context);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
