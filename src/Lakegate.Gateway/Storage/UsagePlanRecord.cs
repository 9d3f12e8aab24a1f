namespace Lakegate.Gateway.Storage;

/// <summary>A stored usage plan. <see cref="CreatedAt"/> is kept across redeploys: it fixes the quota's initial period.</summary>
public sealed record UsagePlanRecord
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public ThrottleRecord? Throttle { get; init; }

    public QuotaRecord? Quota { get; init; }

    public IReadOnlyList<UsagePlanStageRecord> ApiStages { get; init; } = [];

    public IReadOnlyList<string> Keys { get; init; } = [];
}
