namespace Lakegate.Gateway.Functions;

/// <summary>Node-wide settings of the function host.</summary>
public sealed record FunctionHostSettings
{
    /// <summary>AWS_REGION / AWS_DEFAULT_REGION given to workers, and the region in function ARNs.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The account id in function ARNs.</summary>
    public string AccountId { get; init; } = Deployments.DeploymentModel.AccountId;

    /// <summary>Longest a new worker may take from spawn to its first <c>/next</c> (Lambda's init phase limit).</summary>
    public TimeSpan InitTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest an invocation waits for a free worker once <c>maxConcurrency</c> are busy; then it is
    /// rejected as TooManyRequestsException. Null = the function's own timeout.
    /// </summary>
    public TimeSpan? QueueTimeout { get; init; }
}
