namespace Lakegate.Gateway.Storage;

/// <summary>
/// Where encrypted credentials live: integration secrets (versions with AWSCURRENT/AWSPREVIOUS
/// labels) and the access keys of IAM-style users. The store only ever sees ciphertext
/// (<see cref="Secrets.SecretVault"/> encrypts under the master key before writing), so a database
/// dump reveals names and metadata, never values. Same database as the definition store, own tables
/// and own revision, so a rotation rebuilds only what references secrets.
/// </summary>
public interface ISecretStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema. Idempotent; safe for many nodes to call at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Grows with every committed write of a secret or access key.</summary>
    Task<long> GetRevisionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds a version to a secret, creating the secret when absent. The new version becomes
    /// AWSCURRENT, the previous AWSCURRENT becomes AWSPREVIOUS, and a version left without a label is
    /// removed (as Secrets Manager deprecates them). A version id already used is a <see cref="StoreConflictException"/>.
    /// </summary>
    Task<SecretRecord> PutSecretVersionAsync(SecretVersionWrite write, CancellationToken cancellationToken);

    /// <summary>Metadata and version labels only; null when absent.</summary>
    Task<SecretRecord?> DescribeSecretAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every secret's metadata, ordered by name.</summary>
    Task<IReadOnlyList<SecretRecord>> ListSecretsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The ciphertext of one version, chosen by label (AWSCURRENT, AWSPREVIOUS) or by version id.
    /// Null when the secret or that version does not exist.
    /// </summary>
    Task<SecretValueRecord?> GetSecretValueAsync(string name, string versionOrLabel, CancellationToken cancellationToken);

    /// <summary>Every secret's current and previous ciphertexts, for a node to resolve references in one read.</summary>
    Task<IReadOnlyList<SecretValueRecord>> GetLabeledSecretValuesAsync(CancellationToken cancellationToken);

    Task<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken);

    /// <summary>A duplicate id is a <see cref="StoreConflictException"/>.</summary>
    Task CreateAccessKeyAsync(AccessKeyRecord key, CancellationToken cancellationToken);

    /// <summary>Ordered by user name then key id; ciphertext included (callers decrypt or drop it).</summary>
    Task<IReadOnlyList<AccessKeyRecord>> ListAccessKeysAsync(CancellationToken cancellationToken);

    Task<bool> SetAccessKeyEnabledAsync(string accessKeyId, bool enabled, CancellationToken cancellationToken);

    Task<bool> DeleteAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken);
}
