namespace Lakegate.Core.Validation;

/// <summary>
/// Bounds that keep validation of a hostile body or schema finite. A request that hits one is
/// rejected as an invalid body; validation never throws.
/// </summary>
public sealed record SchemaValidationLimits
{
    public static readonly SchemaValidationLimits Default = new();

    /// <summary>Deepest JSON nesting accepted in a body (deeper is "Invalid request body"). Default 128.</summary>
    public int MaxInstanceDepth { get; init; } = 128;

    /// <summary>Deepest nesting of schema evaluation (instance depth plus <c>$ref</c>/combinator hops). Default 512.</summary>
    public int MaxEvaluationDepth { get; init; } = 512;

    /// <summary>Schema nodes evaluated per body before giving up. Default 2,000,000.</summary>
    public int MaxSteps { get; init; } = 2_000_000;

    /// <summary>Per-match timeout of <c>pattern</c> and <c>patternProperties</c>; one timeout ends the validation. Default 100 ms.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Wall-clock budget of one validation (many cheap-but-slow regex matches). Default 2 s.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(2);
}
