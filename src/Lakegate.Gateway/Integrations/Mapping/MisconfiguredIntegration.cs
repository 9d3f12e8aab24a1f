using Lakegate.Core.GatewayResponses;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Integrations.Mapping;

/// <summary>
/// A route whose templates or mappings did not compile. Validation refuses such definitions before
/// deploy; this keeps a stored one from taking its deployment down: the route alone answers 500.
/// </summary>
internal sealed class MisconfiguredIntegration(IReadOnlyList<string> errors) : IIntegration
{
    private readonly GatewayError _error = new(GatewayResponseType.ApiConfigurationError, Detail: string.Join("; ", errors));

    public ValueTask InvokeAsync(GatewayContext context)
    {
        context.Error = _error;
        return ValueTask.CompletedTask;
    }
}
