namespace Lakegate.Gateway.Functions;

/// <summary>How an invocation ended. Only <see cref="Success"/> carries a payload to read as a proxy response.</summary>
public enum FunctionOutcome
{
    /// <summary>The function answered; the payload is its result.</summary>
    Success,

    /// <summary>The function reported an error (Runtime API <c>/error</c>, <c>X-Amz-Function-Error</c>, failed init).</summary>
    FunctionError,

    /// <summary>The function (or the caller's deadline) ran out of time; the worker was killed.</summary>
    Timeout,

    /// <summary>The worker process exited mid-invocation.</summary>
    Crashed,

    /// <summary>Every worker was busy for longer than the queue allows (Lambda's TooManyRequestsException).</summary>
    TooManyRequests,

    /// <summary>The invoke itself was refused: unknown function, unreachable url target, payload too large.</summary>
    Rejected,
}
