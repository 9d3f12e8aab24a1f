using Lakegate.Core.Definitions;

namespace Lakegate.Gateway.Integrations.Aws;

/// <summary>
/// Where a service lives: <c>aws.endpoints.{service}</c>, else AWS_ENDPOINT_URL_{SERVICE} / AWS_ENDPOINT_URL (the AWS
/// SDKs' variables), else the public endpoint <c>https://{service}.{region}.amazonaws.com</c>. Read once per node.
/// </summary>
public sealed class AwsEndpoints
{
    private readonly Dictionary<string, string> _configured = new(StringComparer.Ordinal);
    private readonly string? _global;

    public AwsEndpoints(AwsDefinition? aws)
    {
        foreach (var (service, url) in aws?.Endpoints ?? Empty.Strings)
        {
            _configured[service] = url.TrimEnd('/');
        }

        _global = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL")?.TrimEnd('/');
        DefaultRegion = aws?.Region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "us-east-1";
    }

    public string DefaultRegion { get; }

    /// <summary>The base URL (no trailing slash) and whether it is a custom endpoint (then S3 buckets go in the path).</summary>
    public (string BaseUrl, bool Custom) Resolve(string service, string region, string? subdomain)
    {
        if (_configured.TryGetValue(service, out var configured))
        {
            return (configured, true);
        }

        var variable = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_" + service.ToUpperInvariant().Replace('-', '_'));
        if (!string.IsNullOrEmpty(variable))
        {
            return (variable.TrimEnd('/'), true);
        }

        if (!string.IsNullOrEmpty(_global))
        {
            return (_global, true);
        }

        var host = subdomain is null ? $"{service}.{region}.amazonaws.com" : $"{subdomain}.{service}.{region}.amazonaws.com";
        return ("https://" + host, false);
    }
}
