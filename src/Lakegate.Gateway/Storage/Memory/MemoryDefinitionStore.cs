namespace Lakegate.Gateway.Storage.Memory;

/// <summary>
/// A definition store that lives and dies with the process (<c>--store memory</c>): for tests and
/// throw-away runs. Same contract and conformance suite as the durable stores.
/// </summary>
public sealed class MemoryDefinitionStore(TimeProvider? time = null) : IDefinitionStore
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string, string), DeploymentRecord> _deployments = [];
    private readonly Dictionary<(string, string), StageRecord> _stages = [];
    private readonly Dictionary<string, DomainRecord> _domains = new(StringComparer.OrdinalIgnoreCase);
    private long _revision;
    private long _sequence;
    private readonly Dictionary<(string, string), long> _deploymentOrder = [];
    private readonly Dictionary<(string Plan, string Key, DateOnly Day), long> _usage = [];
    private string? _usagePlansJson;

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<long> GetRevisionAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_revision);
        }
    }

    public Task CreateDeploymentAsync(DeploymentRecord deployment, CancellationToken cancellationToken)
    {
        DefinitionStoreRules.ValidateDeployment(deployment);
        lock (_lock)
        {
            // Stored as the durable stores do: UTC, millisecond precision.
            var stored = deployment with { CreatedAt = Truncate(deployment.CreatedAt) };
            if (!_deployments.TryAdd((deployment.ApiId, deployment.Id), stored))
            {
                throw DefinitionStoreRules.DuplicateDeployment(deployment.ApiId, deployment.Id);
            }

            _deploymentOrder[(deployment.ApiId, deployment.Id)] = ++_sequence;
            _revision++;
            return Task.CompletedTask;
        }
    }

    public Task<DeploymentRecord?> GetDeploymentAsync(string apiId, string deploymentId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_deployments.GetValueOrDefault((apiId, deploymentId)));
        }
    }

    public Task<IReadOnlyList<DeploymentRecord>> ListDeploymentsAsync(string apiId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<DeploymentRecord> list = [.. _deployments.Values
                .Where(d => d.ApiId == apiId)
                .OrderByDescending(d => d.CreatedAt)
                .ThenByDescending(d => _deploymentOrder[(d.ApiId, d.Id)])];
            return Task.FromResult(list);
        }
    }

    public Task<bool> DeleteDeploymentAsync(string apiId, string deploymentId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var user = _stages.Values.FirstOrDefault(s => s.ApiId == apiId && (s.DeploymentId == deploymentId || s.Canary?.DeploymentId == deploymentId));
            if (user is not null)
            {
                throw DefinitionStoreRules.DeploymentInUse(apiId, deploymentId, user.Name, user.DeploymentId != deploymentId);
            }

            if (!_deployments.Remove((apiId, deploymentId)))
            {
                return Task.FromResult(false);
            }

            _revision++;
            return Task.FromResult(true);
        }
    }

    public Task<StageRecord> PutStageAsync(StageRecord stage, long? expectedVersion, CancellationToken cancellationToken)
    {
        DefinitionStoreRules.ValidateStage(stage, expectedVersion);
        lock (_lock)
        {
            if (!_deployments.ContainsKey((stage.ApiId, stage.DeploymentId)))
            {
                throw DefinitionStoreRules.MissingDeployment(stage.ApiId, stage.DeploymentId, forCanary: false);
            }

            if (stage.Canary is { } canary && !_deployments.ContainsKey((stage.ApiId, canary.DeploymentId)))
            {
                throw DefinitionStoreRules.MissingDeployment(stage.ApiId, canary.DeploymentId, forCanary: true);
            }

            var existing = _stages.GetValueOrDefault((stage.ApiId, stage.Name));
            if (expectedVersion is { } expected && expected != (existing?.Version ?? 0))
            {
                throw DefinitionStoreRules.StageVersionMismatch(stage.ApiId, stage.Name, expected, existing?.Version);
            }

            var stored = stage with { Version = (existing?.Version ?? 0) + 1, UpdatedAt = Truncate(_time.GetUtcNow()) };
            _stages[(stage.ApiId, stage.Name)] = stored;
            _revision++;
            return Task.FromResult(stored);
        }
    }

    public Task<StageRecord?> GetStageAsync(string apiId, string stageName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_stages.GetValueOrDefault((apiId, stageName)));
        }
    }

    public Task<IReadOnlyList<StageRecord>> ListStagesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<StageRecord> list = [.. _stages.Values.OrderBy(s => s.ApiId, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)];
            return Task.FromResult(list);
        }
    }

    public Task<bool> DeleteStageAsync(string apiId, string stageName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var removed = _stages.Remove((apiId, stageName));
            if (removed)
            {
                _revision++;
            }

            return Task.FromResult(removed);
        }
    }

    public Task PutDomainAsync(DomainRecord domain, CancellationToken cancellationToken)
    {
        var name = DefinitionStoreRules.ValidateDomain(domain);
        lock (_lock)
        {
            _domains[name] = domain with { DomainName = name };
            _revision++;
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<DomainRecord>> ListDomainsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<DomainRecord> list = [.. _domains.Values.OrderBy(d => d.DomainName, StringComparer.Ordinal)];
            return Task.FromResult(list);
        }
    }

    public Task<bool> DeleteDomainAsync(string domainName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var removed = _domains.Remove(DefinitionStoreRules.NormalizeDomainName(domainName));
            if (removed)
            {
                _revision++;
            }

            return Task.FromResult(removed);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static DateTimeOffset Truncate(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public Task PutUsagePlansAsync(UsagePlansRecord plans, CancellationToken cancellationToken)
    {
        // Stored as JSON, as the durable stores do, so callers never share mutable state with the store.
        var json = DefinitionStoreRules.ToJson(plans);
        lock (_lock)
        {
            if (json != _usagePlansJson)
            {
                _usagePlansJson = json;
                _revision++;
            }
        }

        return Task.CompletedTask;
    }

    public Task<UsagePlansRecord> GetUsagePlansAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_usagePlansJson is null ? UsagePlansRecord.Empty : DefinitionStoreRules.UsagePlansFromJson(_usagePlansJson));
        }
    }

    public Task AddUsageAsync(IReadOnlyList<UsageRecord> usage, CancellationToken cancellationToken)
    {
        DefinitionStoreRules.ValidateUsage(usage);
        lock (_lock)
        {
            foreach (var record in usage)
            {
                var key = (record.PlanName, record.KeyName, record.Day);
                _usage[key] = _usage.GetValueOrDefault(key) + record.Count;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UsageRecord>> GetUsageAsync(string planName, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<UsageRecord> list = [.. _usage
                .Where(u => u.Key.Plan == planName && u.Key.Day >= from && u.Key.Day <= to)
                .Select(u => new UsageRecord(u.Key.Plan, u.Key.Key, u.Key.Day, u.Value))
                .OrderBy(u => u.KeyName, StringComparer.Ordinal)
                .ThenBy(u => u.Day)];
            return Task.FromResult(list);
        }
    }
}
