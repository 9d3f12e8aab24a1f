using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// Reads the <c>aws:</c> block (credentials and endpoints for AWS service integrations). Strict like the rest of
/// the loader. Credential values may be literal, <c>env:VAR</c> (read now; an unset variable is an error) or
/// <c>{{secret:NAME}}</c> (kept, resolved when a request is signed). Messages never repeat a secret value.
/// </summary>
internal static class AwsConfigReader
{
    internal static readonly HashSet<string> AwsKeys = ["region", "credentials", "endpoints"];
    internal static readonly HashSet<string> CredentialKeys = ["accessKeyId", "secretAccessKey", "sessionToken"];

    private const string EnvPrefix = "env:";

    public static AwsDefinition? Read(NodeReader r, SourceNode? node)
    {
        if (r.Map(node, "aws") is not { } map)
        {
            return null;
        }

        r.RejectUnknownKeys(map, "aws", AwsKeys);
        var credentials = new Dictionary<string, AwsCredentialsDefinition>(StringComparer.Ordinal);
        if (r.Map(map["credentials"], "aws.credentials") is { } sets)
        {
            foreach (var entry in sets.Entries)
            {
                var path = NodeReader.Child("aws.credentials", entry.Key);
                if (r.Map(entry.Value, path) is not { } set)
                {
                    continue;
                }

                r.RejectUnknownKeys(set, path, CredentialKeys);
                var accessKeyId = Value(r, set, "accessKeyId", path, required: true);
                var secret = Value(r, set, "secretAccessKey", path, required: true);
                var token = Value(r, set, "sessionToken", path, required: false);
                if (accessKeyId is not null && secret is not null)
                {
                    credentials[entry.Key] = new AwsCredentialsDefinition
                    {
                        AccessKeyId = accessKeyId,
                        SecretAccessKey = secret,
                        SessionToken = token,
                        Position = set.Position,
                    };
                }
            }
        }

        var endpoints = new Dictionary<string, string>(StringComparer.Ordinal);
        if (r.StringMap(map["endpoints"], "aws.endpoints") is { } declared && r.Map(map["endpoints"], "aws.endpoints") is { } endpointMap)
        {
            foreach (var (service, url) in declared)
            {
                var position = endpointMap.Entry(service)!.Value.Position;
                if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
                    || parsed.Host.Length == 0 || !string.IsNullOrEmpty(parsed.Query) || parsed.AbsolutePath != "/")
                {
                    r.Error(position, NodeReader.Child("aws.endpoints", service), $"'{url}' must be an absolute http:// or https:// URL without a path or query");
                    continue;
                }

                endpoints[service] = url.TrimEnd('/');
            }
        }

        return new AwsDefinition
        {
            Region = r.String(map["region"], "aws.region"),
            Credentials = credentials,
            Endpoints = endpoints,
            Position = map.Position,
        };
    }

    private static string? Value(NodeReader r, SourceMap set, string key, string path, bool required)
    {
        var valuePath = NodeReader.Child(path, key);
        var node = required ? r.Required(set, key, path) : set[key];
        var value = r.String(node, valuePath);
        if (value is null)
        {
            return null;
        }

        if (value.Length == 0)
        {
            r.Error(node!.Position, valuePath, "must not be empty");
            return null;
        }

        if (!value.StartsWith(EnvPrefix, StringComparison.Ordinal))
        {
            return value;
        }

        var variable = value[EnvPrefix.Length..];
        var resolved = variable.Length == 0 ? null : Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(resolved))
        {
            r.Error(node!.Position, valuePath, variable.Length == 0 ? "expected env:VARIABLE" : $"environment variable {variable} is not set");
            return null;
        }

        return resolved;
    }
}
