using Lakegate.Core.Definitions;

namespace Lakegate.Gateway.Pipeline;

/// <summary>Compiles a route's integration once per deployment. One factory per integration type.</summary>
public interface IIntegrationFactory
{
    IntegrationType Type { get; }

    IIntegration Create(RouteCompileContext route);
}
