namespace Lakegate.Gateway.Deployments;

/// <summary>What to deploy from a config: all APIs and stages, or one of each; optionally as a canary.</summary>
public sealed record DeployRequest
{
    public string? ApiId { get; init; }

    public string? StageName { get; init; }

    /// <summary>When set, the new deployment becomes the stage's canary at this share instead of its main deployment.</summary>
    public double? CanaryPercent { get; init; }

    public string? Description { get; init; }
}
