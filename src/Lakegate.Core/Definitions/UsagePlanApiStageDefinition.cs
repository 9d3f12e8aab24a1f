namespace Lakegate.Core.Definitions;

/// <summary>An api stage a usage plan covers, with optional per-method throttles keyed <c>/path/METHOD</c>.</summary>
public sealed record UsagePlanApiStageDefinition
{
    public required string ApiId { get; init; }

    public required string Stage { get; init; }

    /// <summary>Keyed <c>"/items/{id}/GET"</c> (root: <c>"//GET"</c>); <c>*</c> matches any method.</summary>
    public IReadOnlyDictionary<string, ThrottleDefinition> Throttle { get; init; } = new Dictionary<string, ThrottleDefinition>();

    public SourcePosition? Position { get; init; }
}
