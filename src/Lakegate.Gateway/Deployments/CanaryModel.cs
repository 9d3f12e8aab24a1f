namespace Lakegate.Gateway.Deployments;

/// <summary>A stage's canary, compiled: its deployment, share and the variables canary requests see.</summary>
public sealed record CanaryModel(DeploymentModel Deployment, double PercentTraffic, IReadOnlyDictionary<string, string> Variables);
