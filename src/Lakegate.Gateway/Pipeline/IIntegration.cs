namespace Lakegate.Gateway.Pipeline;

/// <summary>The terminal of a chain: calls the backend and writes the response, or sets an error.</summary>
public interface IIntegration
{
    ValueTask InvokeAsync(GatewayContext context);
}
