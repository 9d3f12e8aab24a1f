using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Lakegate.Core.Definitions;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Functions;

/// <summary>
/// One worker process of a function and its own Runtime API listener. Serves one invocation at a
/// time: <see cref="InvokeAsync"/> hands an event to the runtime's pending <c>/next</c> and waits for
/// its <c>/response</c> or <c>/error</c>, the process's exit, or the deadline, whichever comes first.
/// </summary>
internal sealed class FunctionWorker : IRuntimeApiHandler, IAsyncDisposable
{
    private readonly FunctionDefinition _function;
    private readonly FunctionHostSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly FunctionMetrics _metrics;
    private readonly Channel<FunctionInvocation> _assignments = Channel.CreateBounded<FunctionInvocation>(1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly long _spawnedAt;
    private RuntimeApiServer? _server;
    private Process? _process;
    private FunctionInvocation? _current;
    private string? _lastRequestId;
    private volatile bool _stopping;
    private int _disposed;

    private FunctionWorker(int id, FunctionDefinition function, FunctionHostSettings settings, ILogger logger, TimeProvider time, FunctionMetrics metrics)
    {
        Id = id;
        _function = function;
        _settings = settings;
        _logger = logger;
        _time = time;
        _metrics = metrics;
        _spawnedAt = time.GetTimestamp();
    }

    public int Id { get; }

    public int ProcessId { get; private set; }

    /// <summary>This worker's <c>AWS_LAMBDA_RUNTIME_API</c> (<c>127.0.0.1:PORT</c>).</summary>
    public string? RuntimeApiAddress => _server?.Address;

    /// <summary>Completes at the runtime's first <c>/next</c>: initialised and waiting for work.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Completes with the exit code when the process is gone.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Set when the runtime posted <c>/init/error</c>.</summary>
    public FunctionResult? InitFailure { get; private set; }

    public static async Task<FunctionWorker> StartAsync(
        int id, FunctionDefinition function, FunctionHostSettings settings, IFunctionEnvironmentResolver environment, ILogger logger, TimeProvider time, FunctionMetrics metrics,
        CancellationToken cancellationToken)
    {
        var worker = new FunctionWorker(id, function, settings, logger, time, metrics);
        var resolved = await environment.ResolveAsync(function, cancellationToken);
        if (resolved.Error is { } error)
        {
            // Nothing is started: the invocation fails as an init error would, and the reason is logged.
            FunctionLog.EnvironmentFailed(logger, function.Name, id, error);
            worker.InitFailure = FunctionResult.Failure(FunctionOutcome.FunctionError, "Runtime.EnvironmentError", error);
            worker._ready.TrySetResult();
            worker._exited.TrySetResult(-1);
            return worker;
        }

        worker._server = await RuntimeApiServer.StartAsync(worker, cancellationToken);
        worker.Spawn(resolved.Variables);
        return worker;
    }

    private void Spawn(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(_function.Command[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _function.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in _function.Command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        // A clean environment, as Lambda gives: the gateway's own variables (store passwords, tokens) stay out.
        start.Environment.Clear();
        foreach (var inherited in (string[])["PATH", "HOME", "TMPDIR", "SYSTEMROOT"])
        {
            if (Environment.GetEnvironmentVariable(inherited) is { } value)
            {
                start.Environment[inherited] = value;
            }
        }

        foreach (var (name, value) in LambdaEnvironment(environment))
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Output("stdout", e.Data);
        process.ErrorDataReceived += (_, e) => Output("stderr", e.Data);
        process.Exited += (_, _) => OnExited();
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            FunctionLog.WorkerStartFailed(_logger, _function.Name, Id, ex.Message);
            process.Dispose();
            _exited.TrySetResult(-1);
            return;
        }

        _process = process;
        ProcessId = process.Id;
        _metrics.WorkerStarted(_function.Name);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private Dictionary<string, string> LambdaEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        var taskRoot = _function.WorkingDirectory ?? Environment.CurrentDirectory;
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_LAMBDA_RUNTIME_API"] = _server!.Address,
            ["AWS_LAMBDA_FUNCTION_NAME"] = _function.Name,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = _function.MemoryMb.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand",
            ["AWS_REGION"] = _settings.Region,
            ["AWS_DEFAULT_REGION"] = _settings.Region,
            ["LAMBDA_TASK_ROOT"] = taskRoot,
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + _function.Name,
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = $"{_time.GetUtcNow():yyyy'/'MM'/'dd}/[$LATEST]{Guid.NewGuid():N}",
            ["AWS_EXECUTION_ENV"] = "AWS_Lambda_lakegate",
            ["TZ"] = ":UTC",
            ["LANG"] = "en_US.UTF-8",
        };
        if (_function.Handler is { } handler)
        {
            env["_HANDLER"] = handler;
        }

        foreach (var (name, value) in environment)
        {
            env[name] = value;
        }

        return env;
    }

    private void Output(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        var requestId = Volatile.Read(ref _current)?.RequestId ?? "-";
        FunctionLog.WorkerOutput(_logger, _function.Name, requestId, stream, line);
    }

    private void OnExited()
    {
        int code;
        try
        {
            code = _process?.ExitCode ?? -1;
        }
        catch (InvalidOperationException)
        {
            code = -1;
        }

        FunctionInvocation? current;
        lock (_gate)
        {
            current = _current;
            _current = null;
        }

        if (current is not null && !_stopping)
        {
            FunctionLog.WorkerCrashed(_logger, _function.Name, Id, ProcessId, code, current.RequestId);
            current.TryComplete(FunctionResult.Failure(FunctionOutcome.Crashed, "Runtime.ExitError", $"RequestId: {current.RequestId} Error: Runtime exited with error: exit status {code}"));
        }

        _assignments.Writer.TryComplete();
        _exited.TrySetResult(code);
    }

    /// <summary>Runs one invocation. The caller must not hand this worker another before this returns.</summary>
    public async Task<FunctionResult> InvokeAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        if (HasExited || !_assignments.Writer.TryWrite(invocation))
        {
            return FunctionResult.Failure(FunctionOutcome.Crashed, "Runtime.ExitError", "worker is not running");
        }

        var remaining = invocation.Deadline - _time.GetUtcNow();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _time, timeout.Token);
        var finished = await Task.WhenAny(invocation.Completion, _exited.Task, delay);
        await timeout.CancelAsync();
        if (invocation.Completion.IsCompleted)
        {
            return await invocation.Completion;
        }

        if (finished == _exited.Task)
        {
            // OnExited completes the invocation first; this covers an exit before /next took it.
            invocation.TryComplete(FunctionResult.Failure(FunctionOutcome.Crashed, "Runtime.ExitError", "Runtime exited"));
            return await invocation.Completion;
        }

        // The runtime may still answer; the invocation is over, so a late /response is refused.
        lock (_gate)
        {
            if (_current == invocation)
            {
                _current = null;
                _lastRequestId = invocation.RequestId;
            }
        }

        var outcome = cancellationToken.IsCancellationRequested ? FunctionOutcome.Rejected : FunctionOutcome.Timeout;
        if (outcome == FunctionOutcome.Timeout)
        {
            FunctionLog.WorkerTimedOut(_logger, _function.Name, Id, ProcessId, invocation.RequestId);
        }

        var seconds = _function.TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        invocation.TryComplete(FunctionResult.Failure(outcome, "Sandbox.Timedout", $"Task timed out after {seconds}.00 seconds"));
        return await invocation.Completion;
    }

    public async ValueTask<FunctionInvocation?> NextAsync(CancellationToken cancellationToken)
    {
        if (!_ready.Task.IsCompleted)
        {
            var elapsed = _time.GetElapsedTime(_spawnedAt).TotalMilliseconds;
            if (_ready.TrySetResult())
            {
                _metrics.ColdStart(_function.Name, elapsed);
                FunctionLog.ColdStart(_logger, _function.Name, Id, ProcessId, elapsed);
            }
        }

        lock (_gate)
        {
            if (_current is { } unanswered)
            {
                // The runtime asked for more work without answering: Lambda treats this as a failed invocation.
                _current = null;
                unanswered.TryComplete(FunctionResult.Failure(FunctionOutcome.FunctionError, "Runtime.NoResponse", "runtime asked for the next event without answering"));
            }
        }

        try
        {
            var invocation = await _assignments.Reader.ReadAsync(cancellationToken);
            lock (_gate)
            {
                _current = invocation;
            }

            return invocation;
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public RuntimeApiReply Respond(string requestId, ReadOnlyMemory<byte> payload) =>
        Complete(requestId, "RuntimeResponseSent", FunctionResult.Success(payload));

    public RuntimeApiReply ReportError(string requestId, string? errorType, ReadOnlyMemory<byte> payload)
    {
        var (type, message) = ReadError(payload, errorType);
        return Complete(requestId, "RuntimeErrorSent", new FunctionResult(FunctionOutcome.FunctionError, payload, type, message));
    }

    public RuntimeApiReply ReportInitError(string? errorType, ReadOnlyMemory<byte> payload)
    {
        if (_ready.Task.IsCompleted)
        {
            return RuntimeApiReply.InvalidStateTransition("RuntimeReady", "RuntimeInitErrorSent");
        }

        var (type, message) = ReadError(payload, errorType ?? "Runtime.InitError");
        FunctionLog.InitError(_logger, _function.Name, Id, type ?? "Runtime.InitError");
        InitFailure = new FunctionResult(FunctionOutcome.FunctionError, payload, type ?? "Runtime.InitError", message);
        _ready.TrySetResult();
        return RuntimeApiReply.Accepted;
    }

    private RuntimeApiReply Complete(string requestId, string state, FunctionResult result)
    {
        FunctionInvocation? current;
        lock (_gate)
        {
            current = _current;
            if (current is null || current.RequestId != requestId)
            {
                return requestId == _lastRequestId
                    ? RuntimeApiReply.InvalidStateTransition(state, state)
                    : RuntimeApiReply.InvalidRequestId();
            }

            _current = null;
            _lastRequestId = requestId;
        }

        current.TryComplete(result);
        return RuntimeApiReply.Accepted;
    }

    private static (string? Type, string? Message) ReadError(ReadOnlyMemory<byte> payload, string? headerType)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = document.RootElement;
                var type = root.TryGetProperty("errorType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                var message = root.TryGetProperty("errorMessage", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return (type ?? headerType, message);
            }
        }
        catch (JsonException)
        {
        }

        return (headerType, null);
    }

    /// <summary>Kills the process (and its children) and stops the listener.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Kill first: closing the channel earlier would answer the runtime's pending /next with a reset,
        // which runtimes report as an error of their own.
        _stopping = true;
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
            }

            process.Dispose();
        }

        _assignments.Writer.TryComplete();
        lock (_gate)
        {
            _current?.TryComplete(FunctionResult.Failure(FunctionOutcome.Rejected, "Runtime.Stopped", "the function host is stopping"));
            _current = null;
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
