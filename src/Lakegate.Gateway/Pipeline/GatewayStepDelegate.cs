namespace Lakegate.Gateway.Pipeline;

/// <summary>The rest of a route's chain, from one step's point of view.</summary>
public delegate ValueTask GatewayStepDelegate(GatewayContext context);
