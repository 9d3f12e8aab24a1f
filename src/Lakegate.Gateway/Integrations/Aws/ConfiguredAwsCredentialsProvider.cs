using Lakegate.Core.Definitions;
using Lakegate.Core.Signing;
using Lakegate.Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace Lakegate.Gateway.Integrations.Aws;

/// <summary>
/// Resolves credentials from <c>aws.credentials</c>: the named set, else (for an IAM role ARN or no name) the
/// <c>default</c> set, else AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, as the AWS SDKs do.
/// Secret references (<c>{{secret:NAME}}</c>) are not resolved here: a secrets store replaces this provider.
/// </summary>
public sealed class ConfiguredAwsCredentialsProvider(IOptions<GatewayOptions> options) : IAwsCredentialsProvider
{
    public const string DefaultName = "default";

    private readonly AwsDefinition? _aws = options.Value.Aws;

    public AwsCredentials? Resolve(string? name, out string? problem)
    {
        var sets = _aws?.Credentials;
        AwsCredentialsDefinition? set = null;
        if (name is not null && sets is not null && sets.TryGetValue(name, out var named))
        {
            set = named;
        }
        else if (name is not null && !name.StartsWith("arn:", StringComparison.Ordinal))
        {
            problem = $"credentials '{name}' are not declared under aws.credentials";
            return null;
        }
        else if (sets is not null && sets.TryGetValue(DefaultName, out var fallback))
        {
            set = fallback;
        }

        if (set is null)
        {
            var key = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
            var secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
            if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret))
            {
                problem = "no AWS credentials: declare aws.credentials.default or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
                return null;
            }

            var token = Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN");
            problem = null;
            return new AwsCredentials(key, secret, string.IsNullOrEmpty(token) ? null : token);
        }

        if (IsSecretReference(set.AccessKeyId) || IsSecretReference(set.SecretAccessKey) || (set.SessionToken is { } t && IsSecretReference(t)))
        {
            problem = $"credentials '{name ?? DefaultName}' use a {{{{secret:...}}}} reference, which this build does not resolve";
            return null;
        }

        problem = null;
        return new AwsCredentials(set.AccessKeyId, set.SecretAccessKey, set.SessionToken);
    }

    private static bool IsSecretReference(string value) => value.StartsWith("{{secret:", StringComparison.Ordinal);
}
