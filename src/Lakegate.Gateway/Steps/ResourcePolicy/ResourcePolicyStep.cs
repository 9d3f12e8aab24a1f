using Lakegate.Core.Iam;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Steps.ResourcePolicy;

/// <summary>
/// The resource policy before authentication, for every auth type (reference §5.6): an explicit
/// Deny for the caller as far as it is known now (anonymous) ends the request with 403. Routes
/// without authorization need an explicit Allow; IAM routes are decided again once the caller is
/// known (<see cref="Authenticate.IamAuthStep"/>); Lambda-authorizer routes proceed (same-account
/// table: the authorizer's Allow suffices, and this step's Allow suffices when the authorizer's policy
/// is silent, see <see cref="GatewayContext.ResourcePolicyDecision"/>); Cognito/JWT routes need the Allow after authentication
/// (<see cref="ResourcePolicyAfterAuthStep"/>).
/// </summary>
internal sealed class ResourcePolicyStep(ResourcePolicyModel policy, bool requireAllow) : IGatewayStep
{
    public ValueTask InvokeAsync(GatewayContext context, GatewayStepDelegate next)
    {
        var methodArn = MethodArns.For(context);
        if (ExecuteApiArn.IsTooLong(methodArn))
        {
            context.Error = IamDenials.UriTooLong;
            return ValueTask.CompletedTask;
        }

        var decision = IamEvaluator.Evaluate(policy.Policy, ResourcePolicyRequests.Anonymous(context, methodArn));
        context.ResourcePolicyDecision = decision;
        if (decision == IamDecision.ExplicitDeny || (requireAllow && decision != IamDecision.Allow))
        {
            context.Error = IamDenials.AccessDenied(null, methodArn, decision);
            return ValueTask.CompletedTask;
        }

        return next(context);
    }
}
