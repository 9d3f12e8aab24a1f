using Lakegate.Core.Definitions;

namespace Lakegate.Gateway.Pipeline;

/// <summary>
/// Stacks a route's steps in <see cref="GatewayPhase"/> order in front of its integration, once per
/// deployment. A request then runs a chain of pre-built delegates: no lookups, no per-request setup.
/// </summary>
public sealed class ChainCompiler
{
    private readonly IGatewayStepFactory[] _stepFactories;
    private readonly Dictionary<IntegrationType, IIntegrationFactory> _integrations;

    public ChainCompiler(IEnumerable<IGatewayStepFactory> stepFactories, IEnumerable<IIntegrationFactory> integrationFactories)
    {
        _stepFactories = [.. stepFactories.OrderBy(f => f.Phase)];
        _integrations = integrationFactories.ToDictionary(f => f.Type);
    }

    public GatewayStepDelegate Compile(RouteCompileContext route)
    {
        var integration = _integrations.TryGetValue(route.Route.Integration.Type, out var factory)
            ? factory.Create(route)
            : new UnservedIntegration(route.Route.Integration.Type);

        GatewayStepDelegate chain = integration.InvokeAsync;
        for (var i = _stepFactories.Length - 1; i >= 0; i--)
        {
            var step = _stepFactories[i].Create(route);
            if (step is null)
            {
                continue;
            }

            var next = chain;
            chain = context => step.InvokeAsync(context, next);
        }

        return chain;
    }
}
