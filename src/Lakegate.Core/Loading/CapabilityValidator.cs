using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// Warns about what a definition declares but this build does not do yet. Such definitions still
/// load (they are kept for the capability that will serve them), so the user must be told what
/// requests will meet today.
/// </summary>
internal sealed class CapabilityValidator : IDefinitionValidator
{
    private const string Kept = "kept; enforced when the identity/validation capability lands";

    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        foreach (var api in config.Apis)
        {
            foreach (var route in api.Routes)
            {
                var label = $"route {route.RouteKey}";
                // AWS integrations that name a Lambda function are served (non-proxy Lambda); other AWS actions are not yet.
                var lambda = route.Integration.Type == IntegrationType.Aws && Functions.FunctionReference.Resolve(route.Integration, out _) is not null;
                if (!IntegrationSupport.IsServed(route.Integration.Type) && !lambda)
                {
                    diagnostics.Add(Diagnostic.Warning(route.Position, $"{label}: {IntegrationSupport.Describe(route.Integration.Type)} are not served by this build; requests will get 500"));
                }

                if (route.AuthorizationType is not ("NONE" or "AWS_IAM"))
                {
                    diagnostics.Add(Diagnostic.Warning(route.Position, $"{label}: authorizationType {route.AuthorizationType} is {Kept}"));
                }

                if (route.ApiKeyRequired && api.ApiKeySource == "AUTHORIZER")
                {
                    diagnostics.Add(Diagnostic.Warning(route.Position, $"{label}: apiKeyRequired with apiKeySource AUTHORIZER is {Kept}; until then requests get 403"));
                }
            }

            if (api.Authorizers.Count > 0)
            {
                diagnostics.Add(Diagnostic.Warning(api.Position, $"api {api.Id}: authorizers ({string.Join(", ", api.Authorizers.Keys)}) are {Kept}"));
            }
        }
    }
}
