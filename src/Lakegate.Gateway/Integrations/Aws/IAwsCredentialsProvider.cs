using Lakegate.Core.Signing;

namespace Lakegate.Gateway.Integrations.Aws;

/// <summary>
/// The keys that sign an AWS integration's call. Replaceable (TryAdd), so a secrets store can resolve
/// <c>{{secret:NAME}}</c> references; the default reads <c>aws.credentials</c> and the AWS_* environment.
/// </summary>
public interface IAwsCredentialsProvider
{
    /// <summary>
    /// Credentials for an integration's <c>credentials</c> value (a name under aws.credentials, an IAM role ARN, or
    /// null for the default). Null with <paramref name="problem"/> set when none can be had; the problem text goes
    /// to the log and must never contain a secret.
    /// </summary>
    AwsCredentials? Resolve(string? name, out string? problem);
}
