namespace Lakegate.Gateway.Functions;

/// <summary>One declared function's way of running: a pool of Runtime API workers, or an http url.</summary>
internal interface IFunctionTarget : IAsyncDisposable
{
    Task StartAsync(CancellationToken cancellationToken);

    Task<FunctionResult> InvokeAsync(ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken);
}
