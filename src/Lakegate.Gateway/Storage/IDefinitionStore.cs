namespace Lakegate.Gateway.Storage;

/// <summary>
/// Where definitions, deployments, stages and custom domains live. One contract, two
/// implementations (SQLite by default, PostgreSQL for clusters), one conformance suite.
/// Every write bumps a store-wide revision so gateway nodes can poll one number to know
/// whether anything changed.
/// </summary>
public interface IDefinitionStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema. Idempotent; safe for many nodes to call at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>A number that grows with every committed write (deployments, stages, domains).</summary>
    Task<long> GetRevisionAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new deployment. Ids are unique per API; a duplicate id is a <see cref="StoreConflictException"/>.</summary>
    Task CreateDeploymentAsync(DeploymentRecord deployment, CancellationToken cancellationToken);

    Task<DeploymentRecord?> GetDeploymentAsync(string apiId, string deploymentId, CancellationToken cancellationToken);

    /// <summary>Newest first; <see cref="DeploymentRecord.DefinitionJson"/> included.</summary>
    Task<IReadOnlyList<DeploymentRecord>> ListDeploymentsAsync(string apiId, CancellationToken cancellationToken);

    /// <summary>Refused with <see cref="StoreConflictException"/> while a stage or canary serves it. Returns false when absent.</summary>
    Task<bool> DeleteDeploymentAsync(string apiId, string deploymentId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates or replaces a stage. <paramref name="expectedVersion"/>: null = unconditional;
    /// 0 = must not exist; n = must currently be at version n. The deployment (and canary
    /// deployment) must exist. Returns the stored record with its new version and time.
    /// </summary>
    Task<StageRecord> PutStageAsync(StageRecord stage, long? expectedVersion, CancellationToken cancellationToken);

    Task<StageRecord?> GetStageAsync(string apiId, string stageName, CancellationToken cancellationToken);

    /// <summary>Every stage of every API, ordered by API id then stage name.</summary>
    Task<IReadOnlyList<StageRecord>> ListStagesAsync(CancellationToken cancellationToken);

    Task<bool> DeleteStageAsync(string apiId, string stageName, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a domain with all its mappings.</summary>
    Task PutDomainAsync(DomainRecord domain, CancellationToken cancellationToken);

    Task<IReadOnlyList<DomainRecord>> ListDomainsAsync(CancellationToken cancellationToken);

    Task<bool> DeleteDomainAsync(string domainName, CancellationToken cancellationToken);

    /// <summary>Replaces every API key and usage plan. Bumps the revision only when something changed.</summary>
    Task PutUsagePlansAsync(UsagePlansRecord plans, CancellationToken cancellationToken);

    /// <summary>The stored keys and plans; <see cref="UsagePlansRecord.Empty"/> when none were ever put.</summary>
    Task<UsagePlansRecord> GetUsagePlansAsync(CancellationToken cancellationToken);

    /// <summary>Adds request counts (per plan, key and day) atomically. Does not bump the revision: usage is data, not definition.</summary>
    Task AddUsageAsync(IReadOnlyList<UsageRecord> usage, CancellationToken cancellationToken);

    /// <summary>Counts of one plan for the days <paramref name="from"/> to <paramref name="to"/> inclusive, ordered by key then day.</summary>
    Task<IReadOnlyList<UsageRecord>> GetUsageAsync(string planName, DateOnly from, DateOnly to, CancellationToken cancellationToken);
}
