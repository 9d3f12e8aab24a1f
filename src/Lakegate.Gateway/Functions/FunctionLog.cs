using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Functions;

/// <summary>Log lines of the function host (category <c>Lakegate.Functions</c>), with stable event ids.</summary>
internal static partial class FunctionLog
{
    [LoggerMessage(4001, LogLevel.Information, "function {Function} worker {WorkerId} (pid {ProcessId}) cold start {ColdStartMs:0.0} ms")]
    public static partial void ColdStart(ILogger logger, string function, int workerId, int processId, double coldStartMs);

    [LoggerMessage(4002, LogLevel.Information, "[{Function}] {RequestId} {Stream}: {Line}")]
    public static partial void WorkerOutput(ILogger logger, string function, string requestId, string stream, string line);

    [LoggerMessage(4003, LogLevel.Warning, "function {Function} worker {WorkerId} (pid {ProcessId}) timed out on {RequestId}; killed and replaced")]
    public static partial void WorkerTimedOut(ILogger logger, string function, int workerId, int processId, string requestId);

    [LoggerMessage(4004, LogLevel.Warning, "function {Function} worker {WorkerId} (pid {ProcessId}) exited with code {ExitCode} during {RequestId}")]
    public static partial void WorkerCrashed(ILogger logger, string function, int workerId, int processId, int exitCode, string requestId);

    [LoggerMessage(4005, LogLevel.Error, "function {Function}: cannot start worker {WorkerId}: {Reason}")]
    public static partial void WorkerStartFailed(ILogger logger, string function, int workerId, string reason);

    [LoggerMessage(4006, LogLevel.Warning, "function {Function} worker {WorkerId} reported an init error: {ErrorType}")]
    public static partial void InitError(ILogger logger, string function, int workerId, string errorType);

    [LoggerMessage(4007, LogLevel.Warning, "function {Function}: all {MaxConcurrency} workers busy; {RequestId} rejected (TooManyRequestsException)")]
    public static partial void Throttled(ILogger logger, string function, int maxConcurrency, string requestId);

    [LoggerMessage(4008, LogLevel.Information, "function {Function}: stopped {Count} workers")]
    public static partial void Stopped(ILogger logger, string function, int count);

    [LoggerMessage(4009, LogLevel.Warning, "function {Function}: url target failed for {RequestId}: {Reason}")]
    public static partial void UrlTargetFailed(ILogger logger, string function, string requestId, string reason);

    [LoggerMessage(4010, LogLevel.Error, "function {Function}: worker {WorkerId} not started: {Reason}")]
    public static partial void EnvironmentFailed(ILogger logger, string function, int workerId, string reason);
}
