using Lakegate.Core.Definitions;
using Lakegate.Core.Mapping;
using Lakegate.Core.Vtl;
using Lakegate.Gateway.Integrations.Mapping;
using Lakegate.Gateway.Pipeline;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Integrations.Mock;

/// <summary>Compiles MOCK integrations: request templates, passthrough behaviour and integration responses.</summary>
public sealed class MockIntegrationFactory(ILogger<MockIntegration> logger) : IIntegrationFactory
{
    public IntegrationType Type => IntegrationType.Mock;

    public IIntegration Create(RouteCompileContext route)
    {
        var integration = route.Route.Integration;
        var owner = $"route {route.Route.RouteKey}";
        var errors = new List<string>();
        var requestTemplates = TemplateSet.Compile(integration.RequestTemplates, owner + " request", errors);
        var responses = IntegrationResponseSelector.Compile(integration.Responses, owner, errors);
        if (errors.Count > 0)
        {
            return new MisconfiguredIntegration(errors);
        }

        return new MockIntegration(requestTemplates, MappingOptions.Passthrough(integration), responses, new TemplateRunner(VtlLimits.Default, logger));
    }
}
