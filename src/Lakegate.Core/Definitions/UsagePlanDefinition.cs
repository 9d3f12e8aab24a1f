namespace Lakegate.Core.Definitions;

/// <summary>A usage plan as declared under <c>usagePlans:</c>: which api stages, how fast, how much, for which keys.</summary>
public sealed record UsagePlanDefinition
{
    /// <summary>The plan's id (GetUsage's <c>usagePlanId</c>).</summary>
    public required string Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<UsagePlanApiStageDefinition> ApiStages { get; init; } = [];

    /// <summary>Per key, across all the plan's stages; null = no plan throttle.</summary>
    public ThrottleDefinition? Throttle { get; init; }

    public QuotaDefinition? Quota { get; init; }

    /// <summary>Names of <see cref="ApiKeyDefinition"/>s in this plan.</summary>
    public IReadOnlyList<string> Keys { get; init; } = [];

    public SourcePosition? Position { get; init; }
}
