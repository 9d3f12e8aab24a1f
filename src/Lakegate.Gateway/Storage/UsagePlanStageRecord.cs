namespace Lakegate.Gateway.Storage;

/// <summary>An api stage of a stored usage plan, with its per-method throttles keyed <c>/path/METHOD</c>.</summary>
public sealed record UsagePlanStageRecord
{
    public required string ApiId { get; init; }

    public required string Stage { get; init; }

    public IReadOnlyDictionary<string, ThrottleRecord> Throttle { get; init; } = new Dictionary<string, ThrottleRecord>();
}
