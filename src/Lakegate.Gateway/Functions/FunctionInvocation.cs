namespace Lakegate.Gateway.Functions;

/// <summary>One invocation handed to a worker: what its <c>/next</c> returns, and where its <c>/response</c> lands.</summary>
internal sealed class FunctionInvocation(string requestId, ReadOnlyMemory<byte> payload, DateTimeOffset deadline, string functionArn, string traceId)
{
    private readonly TaskCompletionSource<FunctionResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string RequestId { get; } = requestId;

    public ReadOnlyMemory<byte> Payload { get; } = payload;

    public DateTimeOffset Deadline { get; } = deadline;

    public string FunctionArn { get; } = functionArn;

    public string TraceId { get; } = traceId;

    public Task<FunctionResult> Completion => _completion.Task;

    public bool TryComplete(FunctionResult result) => _completion.TrySetResult(result);
}
