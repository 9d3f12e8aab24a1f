namespace Lakegate.Core.Vtl;

/// <summary>
/// Bounds on one render. Templates are hostile input: every limit ends the render with a
/// <see cref="VtlRenderResult.Error"/>, never with an exception.
/// </summary>
public sealed record VtlLimits
{
    /// <summary>Wall-clock budget of one render. Default 500 ms.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Largest output, and largest string a template may build. Default 1,000,000 chars.</summary>
    public int MaxOutputChars { get; init; } = 1_000_000;

    /// <summary>Iterations of one <c>#foreach</c>. Default 1000, API Gateway's limit.</summary>
    public int MaxLoopIterations { get; init; } = 1000;

    /// <summary>Iterations of all loops of one render together. Default 100,000.</summary>
    public int MaxTotalIterations { get; init; } = 100_000;

    /// <summary>Nesting of directives, expressions and macro calls, at parse and at render time. Default 64.</summary>
    public int MaxDepth { get; init; } = 64;

    public static VtlLimits Default { get; } = new();
}
