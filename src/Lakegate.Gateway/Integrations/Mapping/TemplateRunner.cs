using System.Buffers;
using Lakegate.Core.GatewayResponses;
using Lakegate.Core.Vtl;
using Lakegate.Core.Vtl.ApiGateway;
using Lakegate.Gateway.Pipeline;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Integrations.Mapping;

/// <summary>
/// Renders a mapping template for one request with API Gateway's variables. A template that fails
/// or exceeds its limits fails only this request: 500 API_CONFIGURATION_ERROR and a log line.
/// </summary>
public sealed class TemplateRunner(VtlLimits limits, ILogger logger)
{
    public string? Render(VtlTemplate template, GatewayContext context, ApiGatewayRequest request, ContextObject contextObject)
    {
        var scope = ApiGatewayScope.Create(request, contextObject, context.StageVariables);
        var result = template.Render(scope, limits, context.RequestAborted);
        if (result.Error is { } error)
        {
            GatewayLog.TemplateFailed(logger, context.RequestId, template.Name, error.ToString());
            context.Error = new GatewayError(GatewayResponseType.ApiConfigurationError, Detail: $"mapping template {template.Name}: {error}");
            return null;
        }

        var conflict = contextObject.RequestOverride.Conflict ?? contextObject.ResponseOverride.Conflict;
        if (conflict is not null)
        {
            context.Error = new GatewayError(GatewayResponseType.ApiConfigurationError, Detail: $"mapping template {template.Name} overrides '{conflict}' more than once");
            return null;
        }

        return result.Output;
    }

    /// <summary>
    /// Renders straight into <paramref name="destination"/> as UTF-8 (no string in between). False,
    /// with the error set on the context and nothing written, when the template fails.
    /// </summary>
    public bool RenderTo(VtlTemplate template, GatewayContext context, ApiGatewayRequest request, ContextObject contextObject, IBufferWriter<byte> destination)
    {
        var scope = ApiGatewayScope.Create(request, contextObject, context.StageVariables);
        if (template.RenderTo(scope, limits, destination, context.RequestAborted) is { } error)
        {
            GatewayLog.TemplateFailed(logger, context.RequestId, template.Name, error.ToString());
            context.Error = new GatewayError(GatewayResponseType.ApiConfigurationError, Detail: $"mapping template {template.Name}: {error}");
            return false;
        }

        var conflict = contextObject.RequestOverride.Conflict ?? contextObject.ResponseOverride.Conflict;
        if (conflict is not null)
        {
            context.Error = new GatewayError(GatewayResponseType.ApiConfigurationError, Detail: $"mapping template {template.Name} overrides '{conflict}' more than once");
            return false;
        }

        return true;
    }
}
