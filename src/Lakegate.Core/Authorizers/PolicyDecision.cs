namespace Lakegate.Core.Authorizers;

/// <summary>IAM evaluation of an authorizer's policy for one method ARN.</summary>
public enum PolicyDecision
{
    Allow,

    /// <summary>No statement allows the ARN (403 "User is not authorized to access this resource").</summary>
    ImplicitDeny,

    /// <summary>A Deny statement matches; it wins over every Allow.</summary>
    ExplicitDeny,
}
