using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// Warns about what a definition declares but this build does not do yet. Such definitions still
/// load (they are kept for the capability that will serve them), so the user must be told what
/// requests will meet today.
/// </summary>
internal sealed class CapabilityValidator : IDefinitionValidator
{
    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        foreach (var api in config.Apis)
        {
            foreach (var route in api.Routes)
            {
                var label = $"route {route.RouteKey}";
                if (!IntegrationSupport.IsServed(route.Integration.Type))
                {
                    diagnostics.Add(Diagnostic.Warning(route.Position, $"{label}: {IntegrationSupport.Describe(route.Integration.Type)} are not served by this build; requests will get 500"));
                }
            }
        }
    }
}
