using Lakegate.Core.Definitions;
using Lakegate.Gateway.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lakegate.Gateway.Functions;

/// <summary>
/// The node's declared functions: one target each (a worker pool or a url), started with the gateway
/// (<c>minWarm</c> workers) and stopped with it, every worker process killed. Invokes by name.
/// </summary>
public sealed class FunctionHost : IFunctionInvoker, IHostedService, IAsyncDisposable
{
    private readonly Dictionary<string, IFunctionTarget> _targets = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<FunctionDefinition> _definitions;
    private int _stopped;

    public FunctionHost(
        IOptions<GatewayOptions> options, ILoggerFactory loggers, TimeProvider time, FunctionMetrics metrics,
        IFunctionEnvironmentResolver? environment = null, IHttpClientFactory? httpClients = null)
    {
        environment ??= new LiteralFunctionEnvironmentResolver();
        var settings = options.Value.FunctionHost;
        var logger = loggers.CreateLogger("Lakegate.Functions");
        Metrics = metrics;
        _definitions = options.Value.Functions;
        foreach (var function in options.Value.Functions)
        {
            _targets[function.Name] = function.Url is not null
                ? new HttpFunctionTarget(function, httpClients?.CreateClient("lakegate-functions") ?? SharedClient, logger, time, metrics)
                : new FunctionPool(function, settings, environment, logger, time, metrics);
        }
    }

    private static readonly HttpClient SharedClient = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public FunctionMetrics Metrics { get; }

    public bool IsDeclared(string functionName) => _targets.ContainsKey(functionName);

    /// <summary>Every declared function's status, in declaration order.</summary>
    public IReadOnlyList<FunctionStatus> Statuses() => [.. _definitions.Select(Status)];

    /// <summary>One function's status; null when no function of that name is declared.</summary>
    public FunctionStatus? Status(string functionName)
    {
        var definition = _definitions.FirstOrDefault(d => d.Name == functionName);
        return definition is null ? null : Status(definition);
    }

    private FunctionStatus Status(FunctionDefinition function) => new(
        function.Name,
        function.Url is null ? "command" : "url",
        function.Handler,
        function.TimeoutSeconds,
        function.MemoryMb,
        Metrics.For(function.Name).Snapshot(),
        Pool(function.Name)?.Workers());

    /// <summary>A function's worker pool (null for url targets and unknown names), for tests and the admin API.</summary>
    internal FunctionPool? Pool(string functionName) => _targets.GetValueOrDefault(functionName) as FunctionPool;

    public Task<FunctionResult> InvokeAsync(string functionName, ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _stopped) == 1)
        {
            return Task.FromResult(FunctionResult.Failure(FunctionOutcome.Rejected, "ServiceException", "the function host is stopping"));
        }

        // Lambda's synchronous invoke limit applies to the event, whatever runs the function.
        if (payload.Length > RuntimeApiServer.MaxPayloadBytes)
        {
            return Task.FromResult(FunctionResult.Failure(FunctionOutcome.Rejected, "RequestTooLargeException", "Request must be smaller than 6291456 bytes for the InvokeFunction operation"));
        }

        return _targets.TryGetValue(functionName, out var target)
            ? target.InvokeAsync(payload, deadline, cancellationToken)
            : Task.FromResult(FunctionResult.Failure(FunctionOutcome.Rejected, "ResourceNotFoundException", $"Function not found: {functionName}"));
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_targets.Values.Select(t => t.StartAsync(cancellationToken)));

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await Task.WhenAll(_targets.Values.Select(t => t.DisposeAsync().AsTask()));
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}
