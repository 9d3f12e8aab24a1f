namespace Lakegate.Gateway.Functions;

/// <summary>
/// Invokes a declared function synchronously (Lambda's RequestResponse). Expected failures
/// (timeouts, crashes, throttling) are outcomes in the result, never exceptions.
/// </summary>
public interface IFunctionInvoker
{
    /// <param name="functionName">A function declared under <c>functions:</c>.</param>
    /// <param name="payload">The event, as JSON bytes.</param>
    /// <param name="deadline">When the caller stops waiting (the integration timeout); the function's own timeout may end it sooner.</param>
    Task<FunctionResult> InvokeAsync(string functionName, ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken);
}
