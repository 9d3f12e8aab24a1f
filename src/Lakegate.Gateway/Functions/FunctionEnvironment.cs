namespace Lakegate.Gateway.Functions;

/// <summary>
/// A function's environment after resolution: the variables, or why they could not be had. The error
/// is logged and the worker is not started (the invocation answers 502), so it must name what failed
/// (function, variable, secret name) and never hold a secret value.
/// </summary>
public sealed record FunctionEnvironment
{
    private FunctionEnvironment(IReadOnlyDictionary<string, string> variables, string? error)
    {
        Variables = variables;
        Error = error;
    }

    public IReadOnlyDictionary<string, string> Variables { get; }

    public string? Error { get; }

    public static FunctionEnvironment Resolved(IReadOnlyDictionary<string, string> variables) => new(variables, null);

    public static FunctionEnvironment Failed(string error) => new(new Dictionary<string, string>(), error);
}
