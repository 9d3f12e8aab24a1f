namespace Lakegate.Core.Iam;

/// <summary>
/// Who is calling, as policies see it. An IAM user has an ARN <c>arn:aws:iam::{account}:user/{name}</c>;
/// an unauthenticated caller is a null principal, which only <c>Principal: "*"</c> covers.
/// </summary>
public sealed record IamPrincipal(string Arn, string AccountId, string? UserName)
{
    public static IamPrincipal User(string accountId, string userName) => new($"arn:aws:iam::{accountId}:user/{userName}", accountId, userName);
}
