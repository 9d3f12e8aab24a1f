using System.Collections.Concurrent;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lakegate.Gateway.Steps.Throttle;

/// <summary>
/// Counts requests per plan, key and UTC day in memory (one interlocked add per request) and adds
/// them to the definition store in batches: every <see cref="GatewayOptions.UsageFlushInterval"/>
/// and once more when the node stops. A failed flush keeps its counts for the next one, so only a
/// crash can lose usage, and at most one interval of it.
/// </summary>
public sealed class UsageRecorder(IDefinitionStore store, TimeProvider time, IOptions<GatewayOptions> options, ILogger<UsageRecorder> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<(string Plan, string Key, DateOnly Day), Counter> _pending = new();

    public void Record(string plan, string key, DateTimeOffset now)
    {
        var counter = _pending.GetOrAdd((plan, key, DateOnly.FromDateTime(now.UtcDateTime)), static _ => new Counter());
        Interlocked.Increment(ref counter.Value);
    }

    /// <summary>Adds everything counted so far to the store.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = new List<UsageRecord>();
        foreach (var (key, counter) in _pending)
        {
            var count = Interlocked.Exchange(ref counter.Value, 0);
            if (count > 0)
            {
                batch.Add(new UsageRecord(key.Plan, key.Key, key.Day, count));
            }
            else
            {
                // Idle entries go; a concurrent Record on the removed counter is caught by the re-check below.
                _pending.TryRemove(new KeyValuePair<(string, string, DateOnly), Counter>(key, counter));
                var late = Interlocked.Exchange(ref counter.Value, 0);
                if (late > 0)
                {
                    batch.Add(new UsageRecord(key.Plan, key.Key, key.Day, late));
                }
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await store.AddUsageAsync(batch, cancellationToken);
        }
        catch (Exception ex)
        {
            TrafficLog.UsageFlushFailed(logger, batch.Count, ex);
            foreach (var record in batch)
            {
                var counter = _pending.GetOrAdd((record.PlanName, record.KeyName, record.Day), static _ => new Counter());
                Interlocked.Add(ref counter.Value, record.Count);
            }

            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.UsageFlushInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                await FlushAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception)
            {
                // Logged by FlushAsync; the counts wait for the next round.
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Logged by FlushAsync; nothing more can be done at shutdown.
        }
    }

    private sealed class Counter
    {
        public long Value;
    }
}
