using Lakegate.Core.Definitions;
using Lakegate.Core.Mapping;
using Lakegate.Core.Vtl;
using Lakegate.Gateway.Integrations.HttpProxy;
using Lakegate.Gateway.Integrations.Mapping;
using Lakegate.Gateway.Pipeline;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Integrations.Http;

/// <summary>Compiles HTTP (non-proxy) integrations: URI template, mappings, templates, integration responses.</summary>
public sealed class HttpIntegrationFactory(ForwarderClients clients, ILogger<HttpIntegration> logger) : IIntegrationFactory
{
    public IntegrationType Type => IntegrationType.Http;

    public IIntegration Create(RouteCompileContext route)
    {
        var integration = route.Route.Integration;
        var owner = $"route {route.Route.RouteKey}";
        var errors = new List<string>();
        var mappings = new List<ParameterMapping>();
        foreach (var (destination, source) in integration.RequestParameters)
        {
            if (ParameterMapping.TryParse(destination, source, out var mapping, out var error))
            {
                mappings.Add(mapping!);
            }
            else
            {
                errors.Add($"{owner}: {error}");
            }
        }

        var requestTemplates = TemplateSet.Compile(integration.RequestTemplates, owner + " request", errors);
        var responses = IntegrationResponseSelector.Compile(integration.Responses, owner, errors);
        if (errors.Count > 0)
        {
            return new MisconfiguredIntegration(errors);
        }

        return new HttpIntegration(
            integration.TlsInsecureSkipVerification ? clients.Insecure : clients.Verified,
            UriTemplate.Parse(integration.Uri ?? string.Empty),
            new HttpMethod((integration.HttpMethod is null or "ANY" ? route.Route.Method is "ANY" ? "POST" : route.Route.Method : integration.HttpMethod).ToUpperInvariant()),
            mappings,
            PathPlaceholders.Compile(route.Route, mappings),
            requestTemplates,
            MappingOptions.Passthrough(integration),
            responses,
            TimeSpan.FromMilliseconds(integration.TimeoutInMillis),
            new TemplateRunner(VtlLimits.Default, logger),
            logger,
            ContentHandlingModes.Parse(integration.ContentHandling));
    }
}
