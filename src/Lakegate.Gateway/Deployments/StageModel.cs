namespace Lakegate.Gateway.Deployments;

/// <summary>A stage, compiled: the deployment it serves, its variables, its canary, the API keys (with their plans) it admits and its method throttles.</summary>
public sealed record StageModel(
    string ApiId,
    string Name,
    DeploymentModel Deployment,
    IReadOnlyDictionary<string, string> Variables,
    CanaryModel? Canary,
    StageUsagePlansModel? UsagePlans = null,
    StageThrottlesModel? Throttles = null);
