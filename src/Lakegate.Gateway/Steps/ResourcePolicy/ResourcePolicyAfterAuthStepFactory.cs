using Lakegate.Core.Definitions;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Steps.ResourcePolicy;

/// <summary>Cognito/JWT routes of a REST API with a resource policy: the policy's Allow is required after authentication.</summary>
internal sealed class ResourcePolicyAfterAuthStepFactory : IGatewayStepFactory
{
    public GatewayPhase Phase => GatewayPhase.Authorize;

    public IGatewayStep? Create(RouteCompileContext route) =>
        route.Api.Kind == ApiKind.Rest
        && route.Route.AuthorizationType is "COGNITO_USER_POOLS" or "JWT"
        && ResourcePolicyModel.For(route.Api) is { } policy
            ? new ResourcePolicyAfterAuthStep(policy)
            : null;
}
