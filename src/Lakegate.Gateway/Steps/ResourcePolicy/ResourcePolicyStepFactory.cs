using Lakegate.Core.Definitions;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Steps.ResourcePolicy;

/// <summary>Adds the pre-authentication resource policy check to every route of a REST API that has a policy.</summary>
internal sealed class ResourcePolicyStepFactory : IGatewayStepFactory
{
    public GatewayPhase Phase => GatewayPhase.ResourcePolicy;

    public IGatewayStep? Create(RouteCompileContext route)
    {
        if (route.Api.Kind != ApiKind.Rest || ResourcePolicyModel.For(route.Api) is not { } policy)
        {
            return null;
        }

        // Only unauthenticated routes need the Allow now; the others are decided with their caller.
        return new ResourcePolicyStep(policy, requireAllow: route.Route.AuthorizationType == "NONE");
    }
}
