using Lakegate.Gateway.Storage;

namespace Lakegate.Gateway.Tests.Infrastructure;

/// <summary>Lets a second in-process node use another node's store without disposing it when it stops.</summary>
public sealed class SharedStore(IDefinitionStore inner) : IDefinitionStore
{
    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<long> GetRevisionAsync(CancellationToken cancellationToken) => inner.GetRevisionAsync(cancellationToken);

    public Task CreateDeploymentAsync(DeploymentRecord deployment, CancellationToken cancellationToken) => inner.CreateDeploymentAsync(deployment, cancellationToken);

    public Task<DeploymentRecord?> GetDeploymentAsync(string apiId, string deploymentId, CancellationToken cancellationToken) =>
        inner.GetDeploymentAsync(apiId, deploymentId, cancellationToken);

    public Task<IReadOnlyList<DeploymentRecord>> ListDeploymentsAsync(string apiId, CancellationToken cancellationToken) =>
        inner.ListDeploymentsAsync(apiId, cancellationToken);

    public Task<bool> DeleteDeploymentAsync(string apiId, string deploymentId, CancellationToken cancellationToken) =>
        inner.DeleteDeploymentAsync(apiId, deploymentId, cancellationToken);

    public Task<StageRecord> PutStageAsync(StageRecord stage, long? expectedVersion, CancellationToken cancellationToken) =>
        inner.PutStageAsync(stage, expectedVersion, cancellationToken);

    public Task<StageRecord?> GetStageAsync(string apiId, string stageName, CancellationToken cancellationToken) =>
        inner.GetStageAsync(apiId, stageName, cancellationToken);

    public Task<IReadOnlyList<StageRecord>> ListStagesAsync(CancellationToken cancellationToken) => inner.ListStagesAsync(cancellationToken);

    public Task<bool> DeleteStageAsync(string apiId, string stageName, CancellationToken cancellationToken) =>
        inner.DeleteStageAsync(apiId, stageName, cancellationToken);

    public Task PutDomainAsync(DomainRecord domain, CancellationToken cancellationToken) => inner.PutDomainAsync(domain, cancellationToken);

    public Task<IReadOnlyList<DomainRecord>> ListDomainsAsync(CancellationToken cancellationToken) => inner.ListDomainsAsync(cancellationToken);

    public Task<bool> DeleteDomainAsync(string domainName, CancellationToken cancellationToken) => inner.DeleteDomainAsync(domainName, cancellationToken);

    public Task PutUsagePlansAsync(UsagePlansRecord plans, CancellationToken cancellationToken) => inner.PutUsagePlansAsync(plans, cancellationToken);

    public Task<UsagePlansRecord> GetUsagePlansAsync(CancellationToken cancellationToken) => inner.GetUsagePlansAsync(cancellationToken);

    public Task AddUsageAsync(IReadOnlyList<UsageRecord> usage, CancellationToken cancellationToken) => inner.AddUsageAsync(usage, cancellationToken);

    public Task<IReadOnlyList<UsageRecord>> GetUsageAsync(string planName, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        inner.GetUsageAsync(planName, from, to, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
