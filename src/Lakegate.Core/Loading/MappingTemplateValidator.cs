using Lakegate.Core.Definitions;
using Lakegate.Core.Mapping;

namespace Lakegate.Core.Loading;

/// <summary>
/// Compiles what non-proxy integrations will run (request templates, integration responses with
/// their selection patterns, header mappings and templates) exactly as the gateway will, so a
/// template that does not parse is refused at validate/deploy time with its position, not found
/// by the first request.
/// </summary>
internal sealed class MappingTemplateValidator : IDefinitionValidator
{
    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        foreach (var api in config.Apis)
        {
            foreach (var route in api.Routes)
            {
                var integration = route.Integration;
                if (integration.RequestTemplates.Count == 0 && integration.Responses.Count == 0)
                {
                    continue;
                }

                var owner = $"api {api.Id}: route {route.RouteKey}";
                var errors = new List<string>();
                TemplateSet.Compile(integration.RequestTemplates, owner + " request", errors);
                IntegrationResponseSelector.Compile(integration.Responses, owner, errors);
                foreach (var error in errors)
                {
                    diagnostics.Add(Diagnostic.Error(integration.Position ?? route.Position, error));
                }

                if (integration.Type is IntegrationType.HttpProxy or IntegrationType.AwsProxy && integration.RequestTemplates.Count > 0)
                {
                    diagnostics.Add(Diagnostic.Warning(integration.Position ?? route.Position,
                        $"{owner}: requestTemplates are ignored by proxy integrations"));
                }
            }
        }
    }
}
