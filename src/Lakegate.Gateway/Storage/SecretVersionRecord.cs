namespace Lakegate.Gateway.Storage;

/// <summary>One version of a secret: its id, when it was put, and its staging label (AWSCURRENT, AWSPREVIOUS).</summary>
public sealed record SecretVersionRecord(string VersionId, DateTimeOffset CreatedAt, string? Label);
