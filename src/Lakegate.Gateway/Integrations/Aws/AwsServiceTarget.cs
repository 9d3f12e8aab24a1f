using Lakegate.Core.AwsServices;
using Lakegate.Core.Mapping;

namespace Lakegate.Gateway.Integrations.Aws;

/// <summary>
/// An AWS integration URI compiled for one route: the service, how it is called (protocol, method), the path and
/// action-parameter templates, and the endpoint when the region is fixed.
/// </summary>
internal sealed record AwsServiceTarget(
    AwsServiceUri Uri,
    AwsServiceInfo Service,
    HttpMethod Method,
    UriTemplate? PathTemplate,
    string? PathQuery,
    IReadOnlyList<KeyValuePair<string, UriTemplate>> ActionParameters)
{
    /// <summary>What the log calls the operation: the action, or METHOD path.</summary>
    public string Operation => Uri.Action ?? $"{Method} {Uri.Path}";
}
