namespace Lakegate.Gateway.Functions;

/// <summary>
/// What an invoke returned. For <see cref="FunctionOutcome.Success"/> the payload is the function's
/// result; for a function error it is the error document (<c>{"errorMessage","errorType",...}</c>).
/// </summary>
public sealed record FunctionResult(FunctionOutcome Outcome, ReadOnlyMemory<byte> Payload = default, string? ErrorType = null, string? ErrorMessage = null)
{
    public bool IsFunctionError => Outcome == FunctionOutcome.FunctionError;

    public static FunctionResult Success(ReadOnlyMemory<byte> payload) => new(FunctionOutcome.Success, payload);

    public static FunctionResult Failure(FunctionOutcome outcome, string errorType, string errorMessage) =>
        new(outcome, default, errorType, errorMessage);
}
