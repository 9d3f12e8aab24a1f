using Lakegate.Core.Iam;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Steps.ResourcePolicy;

/// <summary>
/// Cognito user pool and JWT routes under a resource policy: once the token is accepted, the policy
/// must explicitly allow the request (deny or silence ⇒ 403), reference §5.6. Runs in the Authorize
/// phase, after the authenticator, so an unauthenticated caller still gets its 401 first.
/// </summary>
internal sealed class ResourcePolicyAfterAuthStep(ResourcePolicyModel policy) : IGatewayStep
{
    public ValueTask InvokeAsync(GatewayContext context, GatewayStepDelegate next)
    {
        var methodArn = MethodArns.For(context);
        var decision = IamEvaluator.Evaluate(policy.Policy, ResourcePolicyRequests.Anonymous(context, methodArn));
        if (decision != IamDecision.Allow)
        {
            context.Error = IamDenials.AccessDenied(null, methodArn, decision);
            return ValueTask.CompletedTask;
        }

        return next(context);
    }
}
