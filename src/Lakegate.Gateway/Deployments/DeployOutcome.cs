namespace Lakegate.Gateway.Deployments;

/// <summary>What a deploy did to one stage.</summary>
public sealed record DeployOutcome(string ApiId, string Stage, string DeploymentId, bool Changed, bool Canary);
