namespace Lakegate.Gateway.Storage;

/// <summary>The encrypted value of one version of a secret.</summary>
public sealed record SecretValueRecord(string Name, string VersionId, string? Label, byte[] Ciphertext);
