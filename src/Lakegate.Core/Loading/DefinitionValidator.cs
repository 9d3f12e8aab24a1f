using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// Runs every validator over a loaded config and returns all diagnostics, errors and warnings,
/// each with the position of the definition it concerns.
/// </summary>
public static class DefinitionValidator
{
    private static readonly IDefinitionValidator[] Validators =
    [
        new ApiValidator(),
        new StageValidator(),
        new RouteValidator(),
        new IntegrationValidator(),
        new MappingTemplateValidator(),
        new GatewayResponseValidator(),
        new ModelValidator(),
        new DomainValidator(),
        new UsagePlanValidator(),
        new FunctionValidator(),
        new AuthorizerValidator(),
        new AwsIntegrationValidator(),
        new DatasetValidator(),
        new SqlValidator(),
        new CapabilityValidator(),
        new ResourcePolicyValidator(),
    ];

    public static IReadOnlyList<Diagnostic> Validate(LakegateConfig config)
    {
        var diagnostics = new List<Diagnostic>();
        Validate(config, diagnostics);
        return diagnostics;
    }

    public static void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var validator in Validators)
        {
            validator.Validate(config, diagnostics);
        }
    }
}
