namespace Lakegate.Gateway.Storage;

/// <summary>A stage's canary: its own deployment, a traffic share and variable overrides.</summary>
public sealed record CanaryRecord
{
    public required string DeploymentId { get; init; }

    /// <summary>0.0 to 100.0.</summary>
    public double PercentTraffic { get; init; }

    public IReadOnlyDictionary<string, string> StageVariableOverrides { get; init; } = new Dictionary<string, string>();
}
