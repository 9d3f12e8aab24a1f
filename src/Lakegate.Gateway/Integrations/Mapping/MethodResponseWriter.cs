using System.Text;
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

        string body;
        string contentType;
        if (selected.Templates.SelectForResponse(context.Http.Request.Headers.Accept.ToString()) is { } template)
        {
            // In response templates $input is the integration response; $input.params() stays the method request's.
            var rendered = templates.Render(template.Value, context, methodRequest with { Body = result.Body }, contextObject);
            if (rendered is null)
            {
                return;
            }

            body = rendered;
            contentType = template.Key;
        }
        else
        {
            body = result.Body;
            contentType = result.Headers.TryGetValue("Content-Type", out var backendType) && backendType.Count > 0 ? backendType[0] : MediaTypes.Json;
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
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
