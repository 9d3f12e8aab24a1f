using Lakegate.Core.Definitions;
using Lakegate.Gateway.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lakegate.Gateway.Data;

/// <summary>
/// The node's declared datasets (lakegate.yaml <c>datasets:</c>), opened when the gateway starts. A
/// dataset that cannot be opened does not stop the gateway: its routes answer 503 and opening is
/// tried again on later requests (at most every few seconds).
/// </summary>
public sealed class DatasetCatalog : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public DatasetCatalog(IOptions<GatewayOptions> options, ILoggerFactory loggers, TimeProvider time)
    {
        _logger = loggers.CreateLogger("Lakegate.Datasets");
        _time = time;
        foreach (var definition in options.Value.Datasets)
        {
            _entries[definition.Name] = new Entry(definition);
        }
    }

    public bool IsDeclared(string name) => _entries.ContainsKey(name);

    public IEnumerable<DatasetDefinition> Definitions => _entries.Values.Select(e => e.Definition);

    /// <summary>The dataset, fresh (files re-listed when due). Throws <see cref="DatasetUnavailableException"/> when it cannot be served.</summary>
    public async ValueTask<DatasetSource> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(name, out var entry))
        {
            throw new DatasetUnavailableException($"dataset {name} is not declared on this node");
        }

        var source = entry.Source ?? await OpenAsync(entry, force: false, cancellationToken);
        try
        {
            await source.EnsureFreshAsync(cancellationToken);
        }
        catch (DatasetUnavailableException ex)
        {
            DatasetLog.Unavailable(_logger, name, ex.Message);
            throw;
        }

        return source;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in _entries.Values)
        {
            try
            {
                await OpenAsync(entry, force: true, cancellationToken);
            }
            catch (DatasetUnavailableException)
            {
                // Logged; requests get 503 until the files can be read.
            }
        }
    }

    private async Task<DatasetSource> OpenAsync(Entry entry, bool force, CancellationToken cancellationToken)
    {
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (entry.Source is { } open)
            {
                return open;
            }

            if (!force && _time.GetUtcNow() < entry.NextAttempt)
            {
                throw new DatasetUnavailableException(entry.LastError ?? $"dataset {entry.Definition.Name} is not available");
            }

            try
            {
                var files = DatasetFilesFactory.Create(entry.Definition, _logger);
                entry.Source = await DatasetSource.OpenAsync(entry.Definition, files, _logger, _time, cancellationToken);
                return entry.Source;
            }
            catch (DatasetUnavailableException ex)
            {
                entry.LastError = ex.Message;
                entry.NextAttempt = _time.GetUtcNow() + RetryInterval;
                DatasetLog.Unavailable(_logger, entry.Definition.Name, ex.Message);
                throw;
            }
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var entry in _entries.Values)
        {
            if (entry.Source is { } source)
            {
                entry.Source = null;
                await source.DisposeAsync();
            }
        }
    }

    private sealed class Entry(DatasetDefinition definition)
    {
        public DatasetDefinition Definition { get; } = definition;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DatasetSource? Source { get; set; }

        public DateTimeOffset NextAttempt { get; set; }

        public string? LastError { get; set; }
    }
}
