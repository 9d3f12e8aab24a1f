namespace Lakegate.Core.Iam;

/// <summary>One compiled statement. A null principal list means the statement has no <c>Principal</c> (identity policies).</summary>
public sealed class IamStatement
{
    public string? Sid { get; init; }

    public required IamEffect Effect { get; init; }

    /// <summary>True for <c>Principal: "*"</c> (or <c>{"AWS": "*"}</c>): everyone, anonymous callers included.</summary>
    public bool AnyPrincipal { get; init; }

    /// <summary>Null when the statement has no Principal element; otherwise account ids and principal ARNs.</summary>
    public IReadOnlyList<string>? Principals { get; init; }

    public IReadOnlyList<string> Actions { get; init; } = [];

    public bool NotAction { get; init; }

    public IReadOnlyList<string> Resources { get; init; } = [];

    public bool NotResource { get; init; }

    public IReadOnlyList<IamCondition> Conditions { get; init; } = [];

    public bool AppliesTo(IamRequest request) =>
        PrincipalMatches(request.Principal)
        && Actions.Any(a => IamWildcard.IsMatch(a, request.Action, ignoreCase: true)) != NotAction
        && Resources.Any(r => IamWildcard.IsMatch(r, request.Resource)) != NotResource
        && Conditions.All(c => c.IsSatisfied(request));

    private bool PrincipalMatches(IamPrincipal? principal)
    {
        if (Principals is null || AnyPrincipal)
        {
            return true;
        }

        if (principal is null)
        {
            return false;
        }

        foreach (var entry in Principals)
        {
            // An account id or its root ARN stands for every principal of that account.
            if (entry == principal.AccountId
                || entry == $"arn:aws:iam::{principal.AccountId}:root"
                || entry == principal.Arn)
            {
                return true;
            }
        }

        return false;
    }
}
