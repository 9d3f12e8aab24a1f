namespace Lakegate.Gateway.Storage;

/// <summary>A new version of a secret, already encrypted.</summary>
public sealed record SecretVersionWrite
{
    public required string Name { get; init; }

    public required string VersionId { get; init; }

    public required byte[] Ciphertext { get; init; }

    /// <summary>Replaces the secret's description when not null.</summary>
    public string? Description { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
