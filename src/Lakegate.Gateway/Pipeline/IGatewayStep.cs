namespace Lakegate.Gateway.Pipeline;

/// <summary>
/// One step of a route's chain. A step either calls <c>next</c>, or ends the chain by setting
/// <see cref="GatewayContext.Error"/> (or by writing a response itself, as integrations do).
/// Steps are built once per deployment and shared by all requests: keep per-request state on the context.
/// </summary>
public interface IGatewayStep
{
    ValueTask InvokeAsync(GatewayContext context, GatewayStepDelegate next);
}
