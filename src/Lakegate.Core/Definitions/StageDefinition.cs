namespace Lakegate.Core.Definitions;

/// <summary>A stage as declared: settings that are not part of a deployment snapshot.</summary>
public sealed record StageDefinition
{
    public required string ApiId { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyDictionary<string, string> Variables { get; init; } = Empty.Strings;

    public CanaryDefinition? Canary { get; init; }

    /// <summary>
    /// Stage method throttles (API Gateway's <c>methodSettings</c> throttling), keyed <c>*/*</c> (every
    /// method) or <c>/path/METHOD</c> (<c>*</c> = any method; root <c>//GET</c>). Each method has its own bucket.
    /// </summary>
    public IReadOnlyDictionary<string, ThrottleDefinition> MethodSettings { get; init; } = new Dictionary<string, ThrottleDefinition>();

    public SourcePosition? Position { get; init; }

    /// <summary>The stage HTTP APIs serve at the root of their invoke URL.</summary>
    public const string DefaultStageName = "$default";
}
