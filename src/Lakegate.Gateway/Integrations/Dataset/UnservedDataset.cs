using Lakegate.Core.GatewayResponses;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Integrations.Dataset;

/// <summary>A dataset route whose dataset this node does not declare (a definition deployed through the admin API): 500 naming it.</summary>
internal sealed class UnservedDataset(string? name) : IIntegration
{
    public ValueTask InvokeAsync(GatewayContext context)
    {
        context.Error = new GatewayError(GatewayResponseType.ApiConfigurationError, Detail: $"dataset '{name}' is not declared on this node");
        return ValueTask.CompletedTask;
    }
}
