using Lakegate.Core.Definitions;
using Lakegate.Gateway.Storage;

namespace Lakegate.Gateway.Deployments;

/// <summary>
/// The control-plane side of deployments: snapshots validated definitions into the store and points
/// stages at them. Gateway nodes pick the change up through <see cref="StoreWatcher"/>. Refuses
/// with <see cref="StoreConflictException"/> (a clear message) rather than half-applying.
/// </summary>
public sealed class DeploymentService(IDefinitionStore store, TimeProvider time, Secrets.SecretVault? secrets = null)
{
    public async Task<IReadOnlyList<DeployOutcome>> DeployAsync(LakegateConfig config, DeployRequest request, CancellationToken cancellationToken)
    {
        var apis = config.Apis.Where(a => request.ApiId is null || a.Id == request.ApiId).ToList();
        if (apis.Count == 0)
        {
            throw new StoreConflictException(request.ApiId is null ? "the definition declares no API" : $"no API '{request.ApiId}' in the definition");
        }

        // Unknown secrets refuse the whole deploy, before anything is written.
        var unresolved = await Secrets.SecretReferenceChecker.CheckAsync(config, secrets, cancellationToken);
        if (unresolved.Count > 0)
        {
            throw new StoreConflictException(string.Join(Environment.NewLine, unresolved));
        }

        if (request.ApiId is null && request.StageName is null)
        {
            // Plans first: a route that starts requiring a key finds its keys already in place.
            await PutUsagePlansAsync(config, cancellationToken);
        }

        var outcomes = new List<DeployOutcome>();
        foreach (var api in apis)
        {
            var stages = config.Stages.Where(s => s.ApiId == api.Id && (request.StageName is null || s.Name == request.StageName)).ToList();
            if (stages.Count == 0 && request.StageName is not null)
            {
                stages.Add(new StageDefinition { ApiId = api.Id, Name = request.StageName });
            }

            if (stages.Count == 0)
            {
                continue;
            }

            var json = DefinitionSerializer.Serialize(api);
            var hash = DefinitionSerializer.Hash(json);
            string? deploymentId = null;
            foreach (var stage in stages)
            {
                var existing = await store.GetStageAsync(api.Id, stage.Name, cancellationToken);
                deploymentId ??= await FindOrCreateDeploymentAsync(api.Id, json, hash, request.Description, cancellationToken);
                outcomes.Add(request.CanaryPercent is { } percent
                    ? await PutCanaryAsync(stage, existing, deploymentId, percent, cancellationToken)
                    : await PutStageAsync(stage, existing, deploymentId, cancellationToken));
            }
        }

        if (request.ApiId is null && request.StageName is null)
        {
            foreach (var domain in config.Domains)
            {
                await store.PutDomainAsync(ToRecord(domain), cancellationToken);
            }
        }

        return outcomes;
    }

    /// <summary>
    /// Promotes a stage's canary: the stage serves the canary deployment, the overrides become stage
    /// variables, and the canary is removed (API Gateway's promote followed by removing the canary).
    /// </summary>
    public async Task<StageRecord> PromoteCanaryAsync(string apiId, string stageName, CancellationToken cancellationToken)
    {
        var stage = await store.GetStageAsync(apiId, stageName, cancellationToken)
            ?? throw new StoreConflictException($"stage '{stageName}' of API '{apiId}' does not exist");
        if (stage.Canary is not { } canary)
        {
            throw new StoreConflictException("Promotion not available. Canary does not exist.");
        }

        var variables = new Dictionary<string, string>(stage.Variables);
        foreach (var (name, value) in canary.StageVariableOverrides)
        {
            variables[name] = value;
        }

        return await store.PutStageAsync(
            stage with { DeploymentId = canary.DeploymentId, Variables = variables, Canary = null },
            stage.Version,
            cancellationToken);
    }

    private async Task<string> FindOrCreateDeploymentAsync(string apiId, string json, string hash, string? description, CancellationToken cancellationToken)
    {
        var previous = await store.ListDeploymentsAsync(apiId, cancellationToken);
        var same = previous.FirstOrDefault(d => d.ContentHash == hash);
        if (same is not null)
        {
            return same.Id;
        }

        var record = new DeploymentRecord
        {
            ApiId = apiId,
            Id = DeploymentIds.New(),
            Description = description,
            CreatedAt = time.GetUtcNow(),
            DefinitionJson = json,
            ContentHash = hash,
        };
        await store.CreateDeploymentAsync(record, cancellationToken);
        return record.Id;
    }

    private async Task<DeployOutcome> PutStageAsync(StageDefinition stage, StageRecord? existing, string deploymentId, CancellationToken cancellationToken)
    {
        // The file is the truth for a stage's canary settings; the canary's deployment comes from `deploy --canary`.
        var canary = stage.Canary is { } declared && existing?.Canary is { } current
            ? current with { PercentTraffic = declared.PercentTraffic, StageVariableOverrides = declared.StageVariableOverrides }
            : null;

        var next = new StageRecord
        {
            ApiId = stage.ApiId,
            Name = stage.Name,
            DeploymentId = deploymentId,
            Description = stage.Description,
            Variables = stage.Variables,
            Canary = canary,
            MethodThrottles = stage.MethodSettings.ToDictionary(m => m.Key, m => new ThrottleRecord(m.Value.RateLimit, m.Value.BurstLimit), StringComparer.Ordinal),
        };

        if (existing is not null && SameStage(existing, next))
        {
            return new DeployOutcome(stage.ApiId, stage.Name, deploymentId, Changed: false, Canary: false);
        }

        await store.PutStageAsync(next, existing?.Version ?? 0, cancellationToken);
        return new DeployOutcome(stage.ApiId, stage.Name, deploymentId, Changed: true, Canary: false);
    }

    private async Task<DeployOutcome> PutCanaryAsync(StageDefinition stage, StageRecord? existing, string deploymentId, double percent, CancellationToken cancellationToken)
    {
        if (existing is null)
        {
            throw new StoreConflictException(
                $"Stage {stage.Name} must already be created before making a canary release deployment");
        }

        var overrides = stage.Canary?.StageVariableOverrides ?? existing.Canary?.StageVariableOverrides ?? Empty.Strings;
        var next = existing with
        {
            Canary = new CanaryRecord { DeploymentId = deploymentId, PercentTraffic = percent, StageVariableOverrides = overrides },
        };
        await store.PutStageAsync(next, existing.Version, cancellationToken);
        return new DeployOutcome(stage.ApiId, stage.Name, deploymentId, Changed: true, Canary: true);
    }

    private static bool SameStage(StageRecord a, StageRecord b) =>
        a.DeploymentId == b.DeploymentId
        && a.Description == b.Description
        && SameMap(a.Variables, b.Variables)
        && a.MethodThrottles.Count == b.MethodThrottles.Count
        && a.MethodThrottles.All(m => b.MethodThrottles.TryGetValue(m.Key, out var other) && other == m.Value)
        && (a.Canary, b.Canary) switch
        {
            (null, null) => true,
            ({ } x, { } y) => x.DeploymentId == y.DeploymentId && x.PercentTraffic.Equals(y.PercentTraffic) && SameMap(x.StageVariableOverrides, y.StageVariableOverrides),
            _ => false,
        };

    private static bool SameMap(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    /// <summary>
    /// Keys and plans are account-wide, like domains, so only a whole-file deploy replaces them.
    /// Key values are hashed here and never stored; a plan keeps the creation time it was first stored
    /// with, which fixes the period its quota offset applies to.
    /// </summary>
    private async Task PutUsagePlansAsync(LakegateConfig config, CancellationToken cancellationToken)
    {
        var stored = await store.GetUsagePlansAsync(cancellationToken);
        var existing = stored.Plans.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var now = time.GetUtcNow();

        // Keys created through the CLI or admin API survive a deploy of the file, with their plan
        // bindings; a declared key of the same name replaces one.
        var declared = config.ApiKeys.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        var declaredHashes = config.ApiKeys.Select(k => Steps.ApiKey.ApiKeyHash.Compute(k.Value)).ToHashSet(StringComparer.Ordinal);
        var managed = stored.Keys.Where(k => k.Managed && !declared.Contains(k.Name) && !declaredHashes.Contains(k.ValueHash)).ToList();
        var managedNames = managed.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        var record = new UsagePlansRecord
        {
            Keys = [.. config.ApiKeys.Select(k => new ApiKeyRecord
            {
                Name = k.Name,
                ValueHash = Steps.ApiKey.ApiKeyHash.Compute(k.Value),
                Enabled = k.Enabled,
                CustomerId = k.CustomerId,
                Description = k.Description,
            }), .. managed],
            Plans = [.. config.UsagePlans.Select(p => new UsagePlanRecord
            {
                Name = p.Name,
                Description = p.Description,
                CreatedAt = existing.TryGetValue(p.Name, out var old) ? old.CreatedAt : now,
                Throttle = p.Throttle is { } t ? new ThrottleRecord(t.RateLimit, t.BurstLimit) : null,
                Quota = p.Quota is { } q ? new QuotaRecord(q.Limit, q.Period.ToString().ToUpperInvariant(), q.Offset) : null,
                ApiStages = [.. p.ApiStages.Select(s => new UsagePlanStageRecord
                {
                    ApiId = s.ApiId,
                    Stage = s.Stage,
                    Throttle = s.Throttle.ToDictionary(m => m.Key, m => new ThrottleRecord(m.Value.RateLimit, m.Value.BurstLimit), StringComparer.Ordinal),
                })],
                Keys = [.. p.Keys, .. existing.TryGetValue(p.Name, out var before) ? before.Keys.Where(k => managedNames.Contains(k) && !p.Keys.Contains(k)) : []],
            })],
        };
        await store.PutUsagePlansAsync(record, cancellationToken);
    }

    private static DomainRecord ToRecord(DomainDefinition domain) => new()
    {
        DomainName = domain.Name.ToLowerInvariant(),
        Mappings = [.. domain.Mappings.Select(m => new BasePathMappingRecord
        {
            BasePath = m.BasePath == "(none)" ? string.Empty : m.BasePath.Trim('/'),
            ApiId = m.ApiId,
            Stage = m.Stage,
        })],
    };
}
