namespace Lakegate.Core.Definitions;

/// <summary>Canary settings of a stage. The canary's deployment is made by <c>lakegate deploy --canary</c>.</summary>
public sealed record CanaryDefinition
{
    /// <summary>0.0 to 100.0.</summary>
    public double PercentTraffic { get; init; }

    public IReadOnlyDictionary<string, string> StageVariableOverrides { get; init; } = Empty.Strings;

    public SourcePosition? Position { get; init; }
}
