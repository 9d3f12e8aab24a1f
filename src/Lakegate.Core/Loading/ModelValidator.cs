using Lakegate.Core.Definitions;
using Lakegate.Core.Validation;

namespace Lakegate.Core.Loading;

/// <summary>
/// Compiles every API's models as the gateway will (JSON Schema draft 4). A model a body-validating
/// route depends on must compile: otherwise that route could only answer 500, so the definition is
/// refused. Problems in models no validator uses are warnings: they are kept for documentation.
/// </summary>
internal sealed class ModelValidator : IDefinitionValidator
{
    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        foreach (var api in config.Apis)
        {
            if (api.Models.Count == 0)
            {
                continue;
            }

            var set = ModelSchemaSet.Compile(api.Models);
            if (set.Errors.Count == 0)
            {
                continue;
            }

            var validated = ValidatedModels(api);
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in validated.Order(StringComparer.Ordinal))
            {
                foreach (var error in set.Get(name)?.Errors ?? [])
                {
                    if (reported.Add(error))
                    {
                        diagnostics.Add(Diagnostic.Error(api.Position, $"api {api.Id}: {error} (used to validate request bodies)"));
                    }
                }
            }

            foreach (var error in set.Errors)
            {
                if (reported.Add(error))
                {
                    diagnostics.Add(Diagnostic.Warning(api.Position, $"api {api.Id}: {error}"));
                }
            }
        }
    }

    private static HashSet<string> ValidatedModels(ApiDefinition api)
    {
        var models = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in api.Routes)
        {
            var validator = route.RequestValidator ?? api.DefaultRequestValidator;
            if (validator is not null && api.RequestValidators.TryGetValue(validator, out var definition) && definition.ValidateRequestBody)
            {
                models.UnionWith(route.RequestModels.Values);
            }
        }

        return models;
    }
}
