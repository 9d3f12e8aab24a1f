using System.Collections.Concurrent;
using System.Collections.Frozen;
using Lakegate.Gateway.Secrets;
using Lakegate.Gateway.Storage;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Deployments;

/// <summary>
/// Reads the store and builds the <see cref="ServingSnapshot"/> a node serves. Deployments are
/// immutable, so each is compiled once and reused across snapshots.
/// </summary>
public sealed class SnapshotBuilder(IDefinitionStore store, DeploymentCompiler compiler, SecretResolver secrets, ILogger<SnapshotBuilder> logger)
{
    private readonly ConcurrentDictionary<(string ApiId, string DeploymentId), DeploymentModel?> _compiled = new();

    // Deployments whose definition references secrets, with the secret revision they were resolved at:
    // a rotation recompiles exactly these.
    private readonly ConcurrentDictionary<(string ApiId, string DeploymentId), long> _secretRevisions = new();

    public async Task<ServingSnapshot> BuildAsync(long revision, CancellationToken cancellationToken)
    {
        var stages = await store.ListStagesAsync(cancellationToken);
        var usagePlans = UsagePlansCompiler.Compile(await store.GetUsagePlansAsync(cancellationToken));
        var apis = new Dictionary<string, Dictionary<string, StageModel>>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            var deployment = await GetAsync(stage.ApiId, stage.DeploymentId, cancellationToken);
            if (deployment is null)
            {
                continue;
            }

            CanaryModel? canary = null;
            if (stage.Canary is { } c && await GetAsync(stage.ApiId, c.DeploymentId, cancellationToken) is { } canaryDeployment)
            {
                var variables = new Dictionary<string, string>(stage.Variables);
                foreach (var (name, value) in c.StageVariableOverrides)
                {
                    variables[name] = value;
                }

                canary = new CanaryModel(canaryDeployment, c.PercentTraffic, variables);
            }

            if (!apis.TryGetValue(stage.ApiId, out var byName))
            {
                apis[stage.ApiId] = byName = new Dictionary<string, StageModel>(StringComparer.Ordinal);
            }

            byName[stage.Name] = new StageModel(stage.ApiId, stage.Name, deployment, stage.Variables, canary,
                usagePlans.GetValueOrDefault((stage.ApiId, stage.Name), StageUsagePlansModel.None),
                StageThrottlesModel.Compile(stage.ApiId, stage.Name, stage.MethodThrottles, RouteMethods(deployment, canary?.Deployment)));
        }

        var domains = (await store.ListDomainsAsync(cancellationToken)).Select(d => new DomainModel(
            d.DomainName,
            [.. d.Mappings
                .Select(m => new DomainMappingModel(
                    m.BasePath.Split('/', StringSplitOptions.RemoveEmptyEntries), m.BasePath, m.ApiId, m.Stage))
                .OrderByDescending(m => m.BasePathSegments.Length)]));

        // Deployments no stage serves any more need not stay compiled in memory.
        var live = apis.Values.SelectMany(byName => byName.Values)
            .SelectMany(s => s.Canary is null ? [s.Deployment] : new[] { s.Deployment, s.Canary.Deployment })
            .Select(d => (d.ApiId, d.DeploymentId))
            .ToHashSet();
        foreach (var key in _compiled.Keys)
        {
            if (!live.Contains(key))
            {
                _compiled.TryRemove(key, out _);
                _secretRevisions.TryRemove(key, out _);
            }
        }

        return new ServingSnapshot(
            revision,
            apis.ToFrozenDictionary(
                a => a.Key,
                a => new ApiStagesModel(a.Key, a.Value.Values.First().Deployment.Kind, a.Value.ToFrozenDictionary(StringComparer.Ordinal)),
                StringComparer.Ordinal),
            domains.ToFrozenDictionary(d => d.DomainName, StringComparer.OrdinalIgnoreCase));
    }

    private async ValueTask<DeploymentModel?> GetAsync(string apiId, string deploymentId, CancellationToken cancellationToken)
    {
        if (_compiled.TryGetValue((apiId, deploymentId), out var model)
            && (!_secretRevisions.TryGetValue((apiId, deploymentId), out var resolvedAt) || resolvedAt == secrets.Revision))
        {
            return model;
        }

        var record = await store.GetDeploymentAsync(apiId, deploymentId, cancellationToken);
        if (record is null)
        {
            GatewayLog.DeploymentMissing(logger, apiId, deploymentId);
            return null;
        }

        try
        {
            // The store keeps {{secret:...}} references; values exist only in the compiled model.
            var json = record.DefinitionJson;
            if (Core.Secrets.SecretReferences.Contains(json))
            {
                _secretRevisions[(apiId, deploymentId)] = secrets.Revision;
                var errors = new List<string>();
                json = secrets.ResolveJson(json, errors);
                if (errors.Count > 0)
                {
                    GatewayLog.DeploymentSecretsUnresolved(logger, apiId, deploymentId, string.Join("; ", errors.Distinct()));
                    _compiled[(apiId, deploymentId)] = null;
                    return null;
                }
            }

            model = compiler.Compile(record.Id, DefinitionSerializer.Deserialize(json));
        }
        catch (Exception ex)
        {
            // A stored deployment that no longer compiles must not take the node down: its stages go dark, others serve.
            if (_secretRevisions.ContainsKey((apiId, deploymentId)))
            {
                GatewayLog.DeploymentWithSecretsCompileFailed(logger, apiId, deploymentId, ex.GetType().Name);
            }
            else
            {
                GatewayLog.DeploymentCompileFailed(logger, apiId, deploymentId, ex);
            }
            model = null;
        }

        _compiled[(apiId, deploymentId)] = model;
        return model;
    }

    private static readonly string[] AnyMethods = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

    /// <summary>Every (path template, method) the stage's deployments serve; ANY stands for its seven methods.</summary>
    private static IEnumerable<(string Path, string Method)> RouteMethods(DeploymentModel deployment, DeploymentModel? canary) =>
        new[] { deployment, canary }
            .Where(d => d is not null)
            .SelectMany(d => d!.Definition.Routes)
            .SelectMany(r => r.Method == Core.Definitions.RouteDefinition.AnyMethod ? AnyMethods.Select(m => (r.Path, m)) : [(r.Path, r.Method)])
            .Distinct();
}
