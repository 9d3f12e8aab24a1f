namespace Lakegate.Core.Iam;

/// <summary>The outcome of evaluating policies: no statement applied, one allowed, or one denied (which wins).</summary>
public enum IamDecision
{
    ImplicitDeny,
    Allow,
    ExplicitDeny,
}
