namespace Lakegate.Gateway.Functions;

/// <summary>What one worker's Runtime API listener asks of that worker's state.</summary>
internal interface IRuntimeApiHandler
{
    /// <summary>Waits for the worker's next invocation (the long poll of <c>/next</c>); null when the worker is being stopped.</summary>
    ValueTask<FunctionInvocation?> NextAsync(CancellationToken cancellationToken);

    RuntimeApiReply Respond(string requestId, ReadOnlyMemory<byte> payload);

    RuntimeApiReply ReportError(string requestId, string? errorType, ReadOnlyMemory<byte> payload);

    RuntimeApiReply ReportInitError(string? errorType, ReadOnlyMemory<byte> payload);
}
