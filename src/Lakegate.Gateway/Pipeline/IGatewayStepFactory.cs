namespace Lakegate.Gateway.Pipeline;

/// <summary>
/// Builds the step of one phase for one route at deploy time, or returns null when the phase has
/// nothing to do for that route (so the hot path never pays for it). Register with DI; the chain
/// compiler orders factories by <see cref="Phase"/>.
/// </summary>
public interface IGatewayStepFactory
{
    GatewayPhase Phase { get; }

    IGatewayStep? Create(RouteCompileContext route);
}
