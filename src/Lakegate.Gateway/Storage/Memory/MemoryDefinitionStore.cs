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
        lock (_lock)
        {
            if (!_deployments.TryAdd((deployment.ApiId, deployment.Id), deployment))
            {
                throw new StoreConflictException($"deployment '{deployment.Id}' of API '{deployment.ApiId}' already exists");
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
                throw new StoreConflictException($"Active stages pointing to this deployment must be moved or deleted (stage '{user.Name}')");
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
        lock (_lock)
        {
            var existing = _stages.GetValueOrDefault((stage.ApiId, stage.Name));
            var current = existing?.Version ?? 0;
            if (expectedVersion is { } expected && expected != current)
            {
                throw new StoreConflictException($"stage '{stage.Name}' of API '{stage.ApiId}' is at version {current}, not {expected}");
            }

            if (!_deployments.ContainsKey((stage.ApiId, stage.DeploymentId)))
            {
                throw new StoreConflictException($"deployment '{stage.DeploymentId}' of API '{stage.ApiId}' does not exist");
            }

            if (stage.Canary is { } canary && !_deployments.ContainsKey((stage.ApiId, canary.DeploymentId)))
            {
                throw new StoreConflictException($"canary deployment '{canary.DeploymentId}' of API '{stage.ApiId}' does not exist");
            }

            var stored = stage with { Version = current + 1, UpdatedAt = _time.GetUtcNow() };
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
        lock (_lock)
        {
            _domains[domain.DomainName] = domain with { DomainName = domain.DomainName.ToLowerInvariant() };
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
            var removed = _domains.Remove(domainName);
            if (removed)
            {
                _revision++;
            }

            return Task.FromResult(removed);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
