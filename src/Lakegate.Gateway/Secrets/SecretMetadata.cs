using Lakegate.Gateway.Storage;

namespace Lakegate.Gateway.Secrets;

/// <summary>What the CLI and admin API show of a secret (Secrets Manager's DescribeSecret shape, trimmed). Never a value.</summary>
public sealed record SecretMetadata(string Name, string? Description, DateTimeOffset CreatedDate, DateTimeOffset LastChangedDate, IReadOnlyDictionary<string, IReadOnlyList<string>> VersionIdsToStages)
{
    public static SecretMetadata From(SecretRecord record) => new(
        record.Name,
        record.Description,
        record.CreatedAt,
        record.LastChangedAt,
        record.Versions.ToDictionary(v => v.VersionId, v => (IReadOnlyList<string>)(v.Label is null ? [] : [v.Label]), StringComparer.Ordinal));
}
