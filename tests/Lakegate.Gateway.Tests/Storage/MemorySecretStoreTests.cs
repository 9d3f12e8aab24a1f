using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Memory;

namespace Lakegate.Gateway.Tests.Storage;

public sealed class MemorySecretStoreTests : SecretStoreConformanceTests
{
    private readonly MemorySecretStore _shared = new();

    /// <summary>One in-process store: every "new" instance is the same storage, as a shared database would be.</summary>
    protected override ISecretStore CreateStore() => new SharedHandle(_shared);

    private sealed class SharedHandle(MemorySecretStore inner) : ISecretStore
    {
        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public Task<long> GetRevisionAsync(CancellationToken cancellationToken) => inner.GetRevisionAsync(cancellationToken);

        public Task<SecretRecord> PutSecretVersionAsync(SecretVersionWrite write, CancellationToken cancellationToken) => inner.PutSecretVersionAsync(write, cancellationToken);

        public Task<SecretRecord?> DescribeSecretAsync(string name, CancellationToken cancellationToken) => inner.DescribeSecretAsync(name, cancellationToken);

        public Task<IReadOnlyList<SecretRecord>> ListSecretsAsync(CancellationToken cancellationToken) => inner.ListSecretsAsync(cancellationToken);

        public Task<SecretValueRecord?> GetSecretValueAsync(string name, string versionOrLabel, CancellationToken cancellationToken) => inner.GetSecretValueAsync(name, versionOrLabel, cancellationToken);

        public Task<IReadOnlyList<SecretValueRecord>> GetLabeledSecretValuesAsync(CancellationToken cancellationToken) => inner.GetLabeledSecretValuesAsync(cancellationToken);

        public Task<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken) => inner.DeleteSecretAsync(name, cancellationToken);

        public Task CreateAccessKeyAsync(AccessKeyRecord key, CancellationToken cancellationToken) => inner.CreateAccessKeyAsync(key, cancellationToken);

        public Task<IReadOnlyList<AccessKeyRecord>> ListAccessKeysAsync(CancellationToken cancellationToken) => inner.ListAccessKeysAsync(cancellationToken);

        public Task<bool> SetAccessKeyEnabledAsync(string accessKeyId, bool enabled, CancellationToken cancellationToken) => inner.SetAccessKeyEnabledAsync(accessKeyId, enabled, cancellationToken);

        public Task<bool> DeleteAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken) => inner.DeleteAccessKeyAsync(accessKeyId, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
