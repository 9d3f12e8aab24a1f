namespace Lakegate.Gateway.Deployments;

/// <summary>A stage, compiled: the deployment it serves, its variables and its canary.</summary>
public sealed record StageModel(
    string ApiId,
    string Name,
    DeploymentModel Deployment,
    IReadOnlyDictionary<string, string> Variables,
    CanaryModel? Canary);
