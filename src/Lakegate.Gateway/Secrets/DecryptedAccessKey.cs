using Lakegate.Gateway.Storage;

namespace Lakegate.Gateway.Secrets;

/// <summary>An access key with its secret in memory, for SigV4 verification on a gateway node.</summary>
public sealed record DecryptedAccessKey(AccessKeyRecord Key, string SecretAccessKey)
{
    /// <summary>Never print the secret, even by accident through a record's generated ToString.</summary>
    public override string ToString() => $"DecryptedAccessKey {{ AccessKeyId = {Key.AccessKeyId}, User = {Key.UserName} }}";
}
