namespace Lakegate.Gateway.Deployments;

/// <summary>A stage, compiled: the deployment it serves, its variables, its canary and the API keys (with their plans) it admits.</summary>
public sealed record StageModel(
    string ApiId,
    string Name,
    DeploymentModel Deployment,
    IReadOnlyDictionary<string, string> Variables,
    CanaryModel? Canary,
    StageUsagePlansModel? UsagePlans = null);
