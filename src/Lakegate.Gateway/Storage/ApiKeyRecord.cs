namespace Lakegate.Gateway.Storage;

/// <summary>A stored API key: its name (id) and the lower-case hex SHA-256 of its value.</summary>
public sealed record ApiKeyRecord
{
    public required string Name { get; init; }

    public required string ValueHash { get; init; }

    public bool Enabled { get; init; } = true;

    public string? CustomerId { get; init; }

    public string? Description { get; init; }

    /// <summary>
    /// Created through the CLI or admin API rather than declared in the file: a whole-file deploy
    /// keeps it (and its usage-plan bindings) instead of replacing it.
    /// </summary>
    public bool Managed { get; init; }

    /// <summary>When a managed key was created; null for declared keys.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
