using Lakegate.Core.GatewayResponses;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Steps.Authorize;

/// <summary>A route whose authorizer cannot run (undeclared, or its declaration is invalid) fails closed: 500 AUTHORIZER_CONFIGURATION_ERROR, never unauthenticated access.</summary>
internal sealed class MisconfiguredAuthorizerStep(string problem) : IGatewayStep
{
    private readonly GatewayError _error = new(GatewayResponseType.AuthorizerConfigurationError, Detail: problem);

    public ValueTask InvokeAsync(GatewayContext context, GatewayStepDelegate next)
    {
        context.Error = _error;
        return ValueTask.CompletedTask;
    }
}
