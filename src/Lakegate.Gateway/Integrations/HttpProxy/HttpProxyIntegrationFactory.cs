using Lakegate.Core.Definitions;
using Lakegate.Core.Mapping;
using Lakegate.Gateway.Integrations.Mapping;
using Lakegate.Gateway.Pipeline;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Lakegate.Gateway.Integrations.HttpProxy;

/// <summary>Compiles HTTP_PROXY integrations: URI template, parameter mappings and timeout, once per deployment.</summary>
public sealed class HttpProxyIntegrationFactory(IHttpForwarder forwarder, ForwarderClients clients, ILogger<HttpProxyIntegration> logger)
    : IIntegrationFactory
{
    public IntegrationType Type => IntegrationType.HttpProxy;

    public IIntegration Create(RouteCompileContext route)
    {
        var integration = route.Route.Integration;
        var mappings = new List<ParameterMapping>();
        foreach (var (destination, source) in integration.RequestParameters)
        {
            // Validation refuses malformed mappings before deploy; here they are simply not applied.
            if (ParameterMapping.TryParse(destination, source, out var mapping, out _))
            {
                mappings.Add(mapping!);
            }
        }

        var method = integration.HttpMethod is null or "ANY" ? null : new HttpMethod(integration.HttpMethod.ToUpperInvariant());
        return new HttpProxyIntegration(
            forwarder,
            integration.TlsInsecureSkipVerification ? clients.Insecure : clients.Verified,
            UriTemplate.Parse(integration.Uri ?? string.Empty),
            method,
            mappings,
            PathPlaceholders.Compile(route.Route, mappings),
            appendRequestPath: route.Api.Kind == ApiKind.Http && route.Route.Path == RouteDefinition.DefaultRoutePath,
            new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMilliseconds(integration.TimeoutInMillis) },
            logger);
    }
}
