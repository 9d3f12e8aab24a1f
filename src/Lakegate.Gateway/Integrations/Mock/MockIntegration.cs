using System.Globalization;
using System.Text.Json;
using Lakegate.Core.GatewayResponses;
using Lakegate.Core.Mapping;
using Lakegate.Gateway.Integrations.Mapping;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Integrations.Mock;

/// <summary>
/// MOCK: no backend. The request template yields <c>{"statusCode": N}</c>; N picks the integration
/// response (as a backend status would), whose templates and mappings make the method response.
/// Without a request template the status is 200.
/// </summary>
public sealed class MockIntegration(
    TemplateSet requestTemplates,
    PassthroughBehavior passthrough,
    IntegrationResponseSelector responses,
    TemplateRunner templates) : IIntegration
{
    public async ValueTask InvokeAsync(GatewayContext context)
    {
        var request = (await MethodRequestReader.ReadPayloadAsync(context)).Input;
        var contextObject = new ContextObject(context);
        var decision = requestTemplates.SelectForRequest(context.Http.Request.ContentType, passthrough, out var template);
        if (decision == RequestBodyDecision.Unsupported)
        {
            context.Error = new GatewayError(GatewayResponseType.UnsupportedMediaType);
            return;
        }

        var status = 200;
        if (decision == RequestBodyDecision.Transform)
        {
            using var output = new PooledBufferWriter(256);
            if (!templates.RenderTo(template!, context, request, contextObject, output))
            {
                return;
            }

            if (!TryReadStatus(output.WrittenMemory, out status))
            {
                context.Error = new GatewayError(GatewayResponseType.ApiConfigurationError,
                    Detail: "MOCK request template must render {\"statusCode\": N}");
                return;
            }
        }

        var subject = status.ToString(CultureInfo.InvariantCulture);
        var result = new IntegrationResult(status, IntegrationResult.NoHeaders, string.Empty);
        await MethodResponseWriter.WriteAsync(context, responses, subject, result, request, contextObject, templates);
    }

    private static bool TryReadStatus(ReadOnlyMemory<byte> output, out int status)
    {
        status = 0;
        try
        {
            using var document = JsonDocument.Parse(output);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("statusCode", out var code))
            {
                if (code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out status))
                {
                    return status is >= 100 and <= 599;
                }

                if (code.ValueKind == JsonValueKind.String && int.TryParse(code.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out status))
                {
                    return status is >= 100 and <= 599;
                }
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }
}
