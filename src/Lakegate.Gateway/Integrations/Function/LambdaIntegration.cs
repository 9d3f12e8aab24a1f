using Lakegate.Core.Functions;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Lakegate.Core.GatewayResponses;
using Lakegate.Core.Mapping;
using Lakegate.Gateway.Functions;
using Lakegate.Gateway.Integrations.Mapping;
using Lakegate.Gateway.Pipeline;
using Microsoft.AspNetCore.Http;

namespace Lakegate.Gateway.Integrations.Function;

/// <summary>
/// The non-proxy Lambda integration (reference §1.7, §3.3): the request template renders the
/// event, the function's result is mapped through integration responses. A function error is
/// matched by its <c>errorMessage</c> against the selection patterns; an unmapped error takes the
/// default response, so it answers 200 as on AWS. Timeout → 504; a refused invoke → 500; a crash → 502.
/// </summary>
public sealed class LambdaIntegration(
    IFunctionInvoker invoker,
    TimeProvider time,
    string functionName,
    TemplateSet requestTemplates,
    PassthroughBehavior passthrough,
    IntegrationResponseSelector responses,
    TimeSpan timeout,
    TemplateRunner templates) : IIntegration
{
    private static readonly GatewayError NotBase64 = new(GatewayResponseType.ApiConfigurationError,
        Detail: "contentHandling CONVERT_TO_BINARY: the integration request is not base64");

    /// <summary>The integration's contentHandling, applied to the event payload (reference §1.11).</summary>
    public ContentHandlingMode ContentHandling { get; init; }

    public async ValueTask InvokeAsync(GatewayContext context)
    {
        var methodRequest = await MethodRequestReader.ReadPayloadAsync(context);
        var request = methodRequest.Input;
        var contextObject = new ContextObject(context);
        ReadOnlyMemory<byte> payload;
        switch (requestTemplates.SelectForRequest(context.Http.Request.ContentType, passthrough, out var template))
        {
            case RequestBodyDecision.Unsupported:
                context.Error = new GatewayError(GatewayResponseType.UnsupportedMediaType);
                return;
            case RequestBodyDecision.Transform:
                using (var rendered = new PooledBufferWriter())
                {
                    if (!templates.RenderTo(template!, context, request, contextObject, rendered))
                    {
                        return;
                    }

                    if (!Mapping.ContentHandling.TryConvertTemplateOutput(rendered.WrittenMemory, ContentHandling, out payload))
                    {
                        context.Error = NotBase64;
                        return;
                    }

                    // A copy: the invoker may hold the event after this request gave up on it (timeout).
                    payload = payload.ToArray();
                }

                break;
            default:
                if (!Mapping.ContentHandling.TryConvertRequest(methodRequest.Payload, methodRequest.IsBinary, ContentHandling, out payload))
                {
                    context.Error = NotBase64;
                    return;
                }

                payload = payload.IsEmpty ? "{}"u8.ToArray() : payload;
                break;
        }

        var name = ResolveName(context);
        if (name is null)
        {
            context.Error = new GatewayError(GatewayResponseType.IntegrationFailure, StatusCode: StatusCodes.Status500InternalServerError, Detail: "the integration names no declared function");
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var result = await invoker.InvokeAsync(name, payload, time.GetUtcNow() + timeout, context.RequestAborted);
        context.IntegrationLatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (context.Http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        string body;
        string? subject = null;
        switch (result.Outcome)
        {
            case FunctionOutcome.Success:
                body = Encoding.UTF8.GetString(result.Payload.Span);
                break;
            case FunctionOutcome.FunctionError:
                subject = result.ErrorMessage ?? string.Empty;
                body = result.Payload.IsEmpty
                    ? JsonSerializer.Serialize(new { errorMessage = result.ErrorMessage, errorType = result.ErrorType })
                    : Encoding.UTF8.GetString(result.Payload.Span);
                break;
            case FunctionOutcome.Timeout:
                context.Error = new GatewayError(GatewayResponseType.IntegrationTimeout, Detail: $"function {name}: {result.ErrorMessage}");
                return;
            case FunctionOutcome.TooManyRequests or FunctionOutcome.Rejected:
                context.Error = new GatewayError(GatewayResponseType.IntegrationFailure, StatusCode: StatusCodes.Status500InternalServerError, Detail: $"function {name}: invoke refused: {result.ErrorType}");
                return;
            default:
                context.Error = new GatewayError(GatewayResponseType.IntegrationFailure, StatusCode: StatusCodes.Status502BadGateway, Detail: $"function {name}: {result.Outcome} {result.ErrorType}");
                return;
        }

        context.IntegrationStatus = "200";
        var integrationResult = new IntegrationResult(200, IntegrationResult.NoHeaders, body);
        await MethodResponseWriter.WriteAsync(context, responses, subject, integrationResult, request, contextObject, templates);
    }

    private string? ResolveName(GatewayContext context) =>
        FunctionReference.Expand(functionName, context.StageVariables);
}
