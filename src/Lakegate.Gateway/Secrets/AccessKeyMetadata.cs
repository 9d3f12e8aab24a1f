using Lakegate.Gateway.Storage;

namespace Lakegate.Gateway.Secrets;

/// <summary>What the CLI and admin API show of an access key: never the secret.</summary>
public sealed record AccessKeyMetadata(string AccessKeyId, string UserName, string UserArn, string AccountId, string Status, DateTimeOffset CreateDate, int PolicyCount)
{
    public static AccessKeyMetadata From(AccessKeyRecord key) =>
        new(key.AccessKeyId, key.UserName, key.UserArn, key.AccountId, key.Enabled ? "Active" : "Inactive", key.CreatedAt, key.Policies.Count);
}
