using Lakegate.Core.Definitions;
using Lakegate.Core.GatewayResponses;

namespace Lakegate.Gateway.Pipeline;

/// <summary>
/// Stands in for an integration type this build does not serve yet: the route deploys (the
/// definition is kept whole) and answers 500 naming what is missing, instead of silently doing
/// something else.
/// </summary>
internal sealed class UnservedIntegration(IntegrationType type) : IIntegration
{
    private readonly GatewayError _error = new(
        GatewayResponseType.ApiConfigurationError,
        $"{IntegrationSupport.Describe(type)} are not served by this Lakegate build",
        Detail: $"unserved integration type {IntegrationSupport.WireName(type)}");

    public ValueTask InvokeAsync(GatewayContext context)
    {
        context.Error = _error;
        return ValueTask.CompletedTask;
    }
}
