namespace Lakegate.Gateway.Storage;

/// <summary>
/// An IAM-style access key: the user it belongs to, the encrypted secret access key, and the
/// identity policies (IAM JSON documents) attached to that user for this key.
/// </summary>
public sealed record AccessKeyRecord
{
    public required string AccessKeyId { get; init; }

    public required string UserName { get; init; }

    public required string AccountId { get; init; }

    public required byte[] SecretCiphertext { get; init; }

    /// <summary>Identity policy documents, each a JSON object text.</summary>
    public IReadOnlyList<string> Policies { get; init; } = [];

    public bool Enabled { get; init; } = true;

    public required DateTimeOffset CreatedAt { get; init; }

    public string UserArn => $"arn:aws:iam::{AccountId}:user/{UserName}";
}
