using Lakegate.Gateway.Pipeline;
using Lakegate.Gateway.Steps.ResourcePolicy;

namespace Lakegate.Gateway.Steps.Authenticate;

/// <summary>Adds SigV4 verification and IAM authorization to routes with <c>authorizationType: AWS_IAM</c>.</summary>
internal sealed class IamAuthStepFactory(IamAccessKeys keys, TimeProvider time) : IGatewayStepFactory
{
    public GatewayPhase Phase => GatewayPhase.Authenticate;

    public IGatewayStep? Create(RouteCompileContext route) =>
        route.Route.AuthorizationType == "AWS_IAM"
            ? new IamAuthStep(keys, route.Api.Kind == Core.Definitions.ApiKind.Rest ? ResourcePolicyModel.For(route.Api) : null, time)
            : null;
}
