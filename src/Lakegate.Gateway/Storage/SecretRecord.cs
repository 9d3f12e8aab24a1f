namespace Lakegate.Gateway.Storage;

/// <summary>A secret's metadata: what listing and describing show. Never carries a value.</summary>
public sealed record SecretRecord
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the newest version was put (Secrets Manager's LastChangedDate).</summary>
    public required DateTimeOffset LastChangedAt { get; init; }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<SecretVersionRecord> Versions { get; init; } = [];
}
