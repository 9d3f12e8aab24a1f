using System.Security.Cryptography;
using Lakegate.Core.Definitions;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Functions;

/// <summary>
/// The worker processes of one function. An invocation takes a slot (at most
/// <see cref="FunctionDefinition.MaxConcurrency"/> at once; beyond that it queues for a bounded
/// time and is then refused as TooManyRequests), then an idle worker, or starts a new one. A
/// worker that times out, crashes or is abandoned is killed and not reused; <c>minWarm</c> workers
/// are kept running.
/// </summary>
internal sealed class FunctionPool : IFunctionTarget
{
    private readonly FunctionDefinition _function;
    private readonly FunctionHostSettings _settings;
    private readonly IFunctionEnvironmentResolver _environment;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly FunctionMetrics _metrics;
    private readonly SemaphoreSlim _slots;
    private readonly Lock _gate = new();
    private readonly Stack<FunctionWorker> _idle = new();
    private readonly HashSet<FunctionWorker> _workers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _arn;
    private int _nextWorkerId;

    public FunctionPool(FunctionDefinition function, FunctionHostSettings settings, IFunctionEnvironmentResolver environment, ILogger logger, TimeProvider time, FunctionMetrics metrics)
    {
        _function = function;
        _settings = settings;
        _environment = environment;
        _logger = logger;
        _time = time;
        _metrics = metrics;
        _slots = new SemaphoreSlim(function.MaxConcurrency, function.MaxConcurrency);
        _arn = $"arn:aws:lambda:{settings.Region}:{settings.AccountId}:function:{function.Name}";
    }

    /// <summary>Live worker processes (ids), for tests and the admin API.</summary>
    public IReadOnlyList<int> ProcessIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _workers.Where(w => !w.HasExited && w.ProcessId != 0).Select(w => w.ProcessId)];
            }
        }
    }

    /// <summary>Every process this pool ever started, for checking that none outlives the gateway.</summary>
    public List<int> StartedProcessIds { get; } = [];

    public int WorkerCount
    {
        get
        {
            lock (_gate)
            {
                return _workers.Count;
            }
        }
    }

    /// <summary>The most workers alive at once since start.</summary>
    public int PeakWorkers { get; private set; }

    /// <summary>Live workers, how many of them wait idle for an invocation, and the peak, read together.</summary>
    public FunctionWorkersStatus Workers()
    {
        lock (_gate)
        {
            var current = _workers.Count(w => !w.HasExited);
            var idle = _idle.Count(w => !w.HasExited && _workers.Contains(w));
            return new FunctionWorkersStatus(current, idle, current - idle, PeakWorkers, _function.MaxConcurrency, _function.MinWarm);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var warm = new List<Task>();
        for (var i = 0; i < _function.MinWarm; i++)
        {
            warm.Add(WarmOneAsync(cancellationToken));
        }

        await Task.WhenAll(warm);
    }

    private async Task WarmOneAsync(CancellationToken cancellationToken)
    {
        var worker = await SpawnAsync(cancellationToken);
        if (worker is not null && worker.InitFailure is null)
        {
            Release(worker);
        }
        else if (worker is not null)
        {
            await RetireAsync(worker);
        }
    }

    public async Task<FunctionResult> InvokeAsync(ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var token = linked.Token;
        var requestId = Guid.NewGuid().ToString();
        var queueWait = _settings.QueueTimeout ?? TimeSpan.FromSeconds(_function.TimeoutSeconds);
        var untilDeadline = deadline - _time.GetUtcNow();
        if (untilDeadline < queueWait)
        {
            queueWait = untilDeadline > TimeSpan.Zero ? untilDeadline : TimeSpan.Zero;
        }

        bool admitted;
        try
        {
            admitted = await _slots.WaitAsync(queueWait, token);
        }
        catch (OperationCanceledException)
        {
            return Done(FunctionResult.Failure(FunctionOutcome.Rejected, "Canceled", "the caller went away"));
        }

        if (!admitted)
        {
            FunctionLog.Throttled(_logger, _function.Name, _function.MaxConcurrency, requestId);
            return Done(FunctionResult.Failure(FunctionOutcome.TooManyRequests, "TooManyRequestsException", "Rate Exceeded."));
        }

        try
        {
            var worker = TakeIdle();
            if (worker is null)
            {
                worker = await SpawnAsync(token);
                if (worker is null)
                {
                    return Done(FunctionResult.Failure(FunctionOutcome.FunctionError, "Runtime.InvalidEntrypoint", "the function's worker did not start"));
                }

                if (!worker.Ready.IsCompleted || worker.InitFailure is not null || worker.HasExited)
                {
                    var failure = worker.InitFailure
                        ?? (token.IsCancellationRequested
                            ? FunctionResult.Failure(FunctionOutcome.Rejected, "Canceled", "the caller went away")
                            : worker.Ready.IsCompleted || worker.HasExited
                                ? FunctionResult.Failure(FunctionOutcome.FunctionError, "Runtime.ExitError", "the runtime exited during init")
                                : FunctionResult.Failure(FunctionOutcome.Timeout, "Sandbox.Timedout", "init timed out"));
                    await RetireAsync(worker);
                    return Done(failure);
                }
            }

            // The function's timeout starts when a worker takes the event; the caller's deadline may end it sooner.
            var functionDeadline = _time.GetUtcNow().AddSeconds(_function.TimeoutSeconds);
            var invocation = new FunctionInvocation(requestId, payload, functionDeadline < deadline ? functionDeadline : deadline, _arn, TraceId());
            var result = await worker.InvokeAsync(invocation, token);
            if (result.Outcome is FunctionOutcome.Success or FunctionOutcome.FunctionError && !worker.HasExited)
            {
                Release(worker);
            }
            else
            {
                await RetireAsync(worker);
            }

            return Done(result);
        }
        finally
        {
            _slots.Release();
        }
    }

    private FunctionResult Done(FunctionResult result)
    {
        _metrics.Invoked(_function.Name, result.Outcome);
        return result;
    }

    private FunctionWorker? TakeIdle()
    {
        lock (_gate)
        {
            while (_idle.TryPop(out var worker))
            {
                if (!worker.HasExited)
                {
                    return worker;
                }
            }

            return null;
        }
    }

    private void Release(FunctionWorker worker)
    {
        lock (_gate)
        {
            if (_workers.Contains(worker) && !worker.HasExited)
            {
                _idle.Push(worker);
            }
        }
    }

    /// <summary>Starts a worker and waits for its first <c>/next</c> (or its exit, init error, the init timeout or cancellation). Null if it could not be started at all.</summary>
    private async Task<FunctionWorker?> SpawnAsync(CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextWorkerId);
        FunctionWorker worker;
        try
        {
            worker = await FunctionWorker.StartAsync(id, _function, _settings, _environment, _logger, _time, _metrics, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        lock (_gate)
        {
            _workers.Add(worker);
            if (worker.ProcessId != 0)
            {
                StartedProcessIds.Add(worker.ProcessId);
            }

            PeakWorkers = Math.Max(PeakWorkers, _workers.Count);
        }

        // An idle worker that dies is dropped (and, below minWarm, replaced).
        _ = worker.Exited.ContinueWith(_ => OnWorkerExited(worker), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        using var init = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeout = Task.Delay(_settings.InitTimeout, _time, init.Token);
        await Task.WhenAny(worker.Ready, worker.Exited, timeout);
        await init.CancelAsync();
        return worker;
    }

    private void OnWorkerExited(FunctionWorker worker)
    {
        bool replace;
        lock (_gate)
        {
            _workers.Remove(worker);

            // Only a worker that got as far as serving is replaced: one that failed to start (bad
            // command, init error, unresolvable environment) would fail again, in a tight loop.
            replace = !_stopping.IsCancellationRequested && _workers.Count < _function.MinWarm
                && worker.Ready.IsCompletedSuccessfully && worker.InitFailure is null;
        }

        _ = worker.DisposeAsync().AsTask();
        if (replace)
        {
            _ = WarmOneAsync(_stopping.Token);
        }
    }

    private async Task RetireAsync(FunctionWorker worker)
    {
        lock (_gate)
        {
            _workers.Remove(worker);
        }

        await worker.DisposeAsync();
    }

    private string TraceId()
    {
        var epoch = _time.GetUtcNow().ToUnixTimeSeconds();
        return $"Root=1-{epoch:x8}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))};Parent={Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))};Sampled=0";
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        List<FunctionWorker> workers;
        lock (_gate)
        {
            workers = [.. _workers];
            _workers.Clear();
            _idle.Clear();
        }

        await Task.WhenAll(workers.Select(w => w.DisposeAsync().AsTask()));
        FunctionLog.Stopped(_logger, _function.Name, workers.Count);

        // _stopping stays undisposed: a late InvokeAsync or replacement still links to its (cancelled) token.
    }
}
