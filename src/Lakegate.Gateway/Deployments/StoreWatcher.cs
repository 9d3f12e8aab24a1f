using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Secrets;
using Lakegate.Gateway.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lakegate.Gateway.Deployments;

/// <summary>
/// Keeps this node's snapshot in step with the store: polls the store's revision (one cheap read)
/// and rebuilds the snapshot when it moved. With the default interval of 500 ms every node serves a
/// new deployment well within 2 s. A failed poll keeps the current snapshot serving.
/// </summary>
public sealed class StoreWatcher(
    IDefinitionStore store,
    SecretsState secrets,
    SnapshotBuilder builder,
    ServingState state,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<StoreWatcher> logger) : BackgroundService
{
    /// <summary>Loads the first snapshot before the server starts listening.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        await secrets.Vault.Store.InitializeAsync(cancellationToken);
        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Rebuilds when the store revision differs from the one served. Returns true when it swapped.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var revision = await store.GetRevisionAsync(cancellationToken);
        var secretRevision = await secrets.Vault.Store.GetRevisionAsync(cancellationToken);
        if (revision == state.Current.Revision && secretRevision == secrets.Current.Revision)
        {
            return false;
        }

        if (secretRevision != secrets.Current.Revision)
        {
            // A rotation: new values first, so the rebuild below recompiles what references them.
            var loaded = await secrets.Vault.LoadAsync(cancellationToken);
            foreach (var failure in loaded.DecryptFailures)
            {
                GatewayLog.SecretDecryptFailed(logger, failure);
            }

            secrets.Swap(loaded);
        }

        var snapshot = await builder.BuildAsync(revision, cancellationToken);
        state.Swap(snapshot);
        GatewayLog.SnapshotSwapped(logger, revision, snapshot.Apis.Count);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StorePollInterval, time);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                GatewayLog.StorePollFailed(logger, ex);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken token)
    {
        try
        {
            return await timer.WaitForNextTickAsync(token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
