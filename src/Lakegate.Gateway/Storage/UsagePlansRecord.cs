namespace Lakegate.Gateway.Storage;

/// <summary>
/// Every API key and usage plan, stored as one document: plans name keys and api stages, so they
/// are replaced together by a whole-file deploy and every node compiles the same set. Key values
/// are never stored, only their SHA-256 hashes.
/// </summary>
public sealed record UsagePlansRecord
{
    public static readonly UsagePlansRecord Empty = new();

    public IReadOnlyList<ApiKeyRecord> Keys { get; init; } = [];

    public IReadOnlyList<UsagePlanRecord> Plans { get; init; } = [];
}
