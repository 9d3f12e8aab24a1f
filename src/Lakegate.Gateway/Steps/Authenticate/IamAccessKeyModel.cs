using Lakegate.Core.Iam;

namespace Lakegate.Gateway.Steps.Authenticate;

/// <summary>An access key ready to verify with: its secret, its principal and its parsed identity policies.</summary>
public sealed class IamAccessKeyModel(string accessKeyId, string secretAccessKey, bool enabled, IamPrincipal principal, IReadOnlyList<IamPolicy> policies)
{
    public string AccessKeyId { get; } = accessKeyId;

    public string SecretAccessKey { get; } = secretAccessKey;

    public bool Enabled { get; } = enabled;

    public IamPrincipal Principal { get; } = principal;

    public IReadOnlyList<IamPolicy> Policies { get; } = policies;

    public override string ToString() => $"IamAccessKeyModel {{ {AccessKeyId}, {Principal.Arn} }}";
}
