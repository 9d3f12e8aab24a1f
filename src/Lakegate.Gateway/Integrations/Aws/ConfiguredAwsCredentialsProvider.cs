using Lakegate.Core.Definitions;
using Lakegate.Core.Signing;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Secrets;
using Microsoft.Extensions.Options;

namespace Lakegate.Gateway.Integrations.Aws;

/// <summary>
/// Resolves credentials from <c>aws.credentials</c>: the named set, else (for an IAM role ARN or no name) the
/// <c>default</c> set, else AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, as the AWS SDKs do.
/// Values may be secret references (<c>{{secret:NAME[:KEY]}}</c>), resolved through the one
/// <see cref="SecretResolver"/> on every call (a lookup in the current secrets snapshot), so a rotated key
/// signs the next request without a restart.
/// </summary>
public sealed class ConfiguredAwsCredentialsProvider(IOptions<GatewayOptions> options, SecretResolver secrets) : IAwsCredentialsProvider
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

        var errors = new List<string>();
        var accessKeyId = secrets.Resolve(set.AccessKeyId, errors);
        var secretAccessKey = secrets.Resolve(set.SecretAccessKey, errors);
        var sessionToken = set.SessionToken is { } t ? secrets.Resolve(t, errors) : null;
        if (errors.Count > 0)
        {
            // The errors name references (secret name, key, version), never a value.
            problem = $"credentials '{name ?? DefaultName}': {string.Join("; ", errors)}";
            return null;
        }

        problem = null;
        return new AwsCredentials(accessKeyId, secretAccessKey, sessionToken);
    }
}
