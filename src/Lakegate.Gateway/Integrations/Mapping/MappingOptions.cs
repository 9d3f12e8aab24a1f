using Lakegate.Core.Definitions;
using Lakegate.Core.Mapping;

namespace Lakegate.Gateway.Integrations.Mapping;

/// <summary>Reads an integration's passthroughBehavior (WHEN_NO_MATCH by default, case-insensitive).</summary>
public static class MappingOptions
{
    public static PassthroughBehavior Passthrough(IntegrationDefinition integration) =>
        integration.PassthroughBehavior?.Trim().ToUpperInvariant() switch
        {
            "WHEN_NO_TEMPLATES" => PassthroughBehavior.WhenNoTemplates,
            "NEVER" => PassthroughBehavior.Never,
            _ => PassthroughBehavior.WhenNoMatch,
        };
}
