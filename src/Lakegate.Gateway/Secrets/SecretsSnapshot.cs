using Lakegate.Core.Secrets;

namespace Lakegate.Gateway.Secrets;

/// <summary>
/// A node's decrypted view of the secret store at one revision: secret values keyed by (name,
/// label) and (name, version id), and access keys by id. Replaced whole when the store changes.
/// </summary>
public sealed record SecretsSnapshot(
    long Revision,
    IReadOnlyDictionary<(string Name, string Version), string> Values,
    IReadOnlyDictionary<string, DecryptedAccessKey> AccessKeys,
    IReadOnlyList<string> DecryptFailures)
{
    public static readonly SecretsSnapshot Empty = new(
        -1,
        new Dictionary<(string, string), string>(),
        new Dictionary<string, DecryptedAccessKey>(StringComparer.Ordinal),
        []);

    /// <summary>The whole value a reference's version selects; null when absent.</summary>
    public string? Lookup(SecretReference reference) => Values.GetValueOrDefault((reference.Name, reference.Version));

    /// <summary>Never print values.</summary>
    public override string ToString() => $"SecretsSnapshot {{ Revision = {Revision}, Values = {Values.Count}, AccessKeys = {AccessKeys.Count} }}";
}
