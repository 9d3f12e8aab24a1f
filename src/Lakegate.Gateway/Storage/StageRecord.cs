namespace Lakegate.Gateway.Storage;

/// <summary>A stage as stored: which deployment it serves, its variables and its canary.</summary>
public sealed record StageRecord
{
    public required string ApiId { get; init; }

    public required string Name { get; init; }

    public required string DeploymentId { get; init; }

    public string? Description { get; init; }

    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    public CanaryRecord? Canary { get; init; }

    /// <summary>Stage method throttles (<c>methodSettings</c>), keyed <c>*/*</c> or <c>/path/METHOD</c>.</summary>
    public IReadOnlyDictionary<string, ThrottleRecord> MethodThrottles { get; init; } = new Dictionary<string, ThrottleRecord>();

    /// <summary>Set by the store: 1 on create, +1 on every update (optimistic concurrency).</summary>
    public long Version { get; init; }

    /// <summary>Set by the store on every write.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
