namespace Lakegate.Core.Iam;

/// <summary>
/// IAM's evaluation logic over any number of policies: an applicable Deny wins, else an
/// applicable Allow grants, else the default is an implicit deny.
/// </summary>
public static class IamEvaluator
{
    public static IamDecision Evaluate(IEnumerable<IamPolicy> policies, IamRequest request)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(request);
        var allowed = false;
        foreach (var policy in policies)
        {
            foreach (var statement in policy.Statements)
            {
                if (!statement.AppliesTo(request))
                {
                    continue;
                }

                if (statement.Effect == IamEffect.Deny)
                {
                    return IamDecision.ExplicitDeny;
                }

                allowed = true;
            }
        }

        return allowed ? IamDecision.Allow : IamDecision.ImplicitDeny;
    }

    public static IamDecision Evaluate(IamPolicy policy, IamRequest request) => Evaluate([policy], request);

    /// <summary>
    /// API Gateway's combination of an IAM principal's identity policies with the API's resource
    /// policy (reference §5.6, tables A and B): any explicit Deny denies; a principal of the API's own
    /// account needs an Allow from either side; a principal of another account needs both.
    /// </summary>
    public static IamDecision Combine(IamDecision identity, IamDecision? resource, bool sameAccount)
    {
        if (identity == IamDecision.ExplicitDeny || resource == IamDecision.ExplicitDeny)
        {
            return IamDecision.ExplicitDeny;
        }

        if (resource is null)
        {
            return identity;
        }

        var allowed = sameAccount
            ? identity == IamDecision.Allow || resource == IamDecision.Allow
            : identity == IamDecision.Allow && resource == IamDecision.Allow;
        return allowed ? IamDecision.Allow : IamDecision.ImplicitDeny;
    }
}
