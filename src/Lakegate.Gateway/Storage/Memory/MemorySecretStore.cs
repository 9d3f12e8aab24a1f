using Lakegate.Core.Secrets;

namespace Lakegate.Gateway.Storage.Memory;

/// <summary><see cref="ISecretStore"/> in process memory: tests and throw-away runs (gone at exit).</summary>
public sealed class MemorySecretStore : ISecretStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, Entry> _secrets = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, AccessKeyRecord> _keys = new(StringComparer.Ordinal);
    private long _revision;

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<long> GetRevisionAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_revision);
        }
    }

    public Task<SecretRecord> PutSecretVersionAsync(SecretVersionWrite write, CancellationToken cancellationToken)
    {
        SecretStoreRules.Validate(write);
        lock (_lock)
        {
            if (!_secrets.TryGetValue(write.Name, out var entry))
            {
                entry = new Entry { CreatedAt = write.CreatedAt };
                _secrets[write.Name] = entry;
            }
            else if (entry.Versions.Exists(v => v.VersionId == write.VersionId))
            {
                throw SecretStoreRules.DuplicateVersion(write.Name, write.VersionId);
            }

            entry.Versions.RemoveAll(v => v.Label == SecretReference.Previous);
            var current = entry.Versions.FindIndex(v => v.Label == SecretReference.Current);
            if (current >= 0)
            {
                entry.Versions[current] = entry.Versions[current] with { Label = SecretReference.Previous };
            }

            entry.Versions.RemoveAll(v => v.Label is null);
            entry.Versions.Insert(0, new Version(write.VersionId, write.CreatedAt, SecretReference.Current, write.Ciphertext.ToArray()));
            entry.Description = write.Description ?? entry.Description;
            entry.LastChangedAt = write.CreatedAt;
            _revision++;
            return Task.FromResult(ToRecord(write.Name, entry));
        }
    }

    public Task<SecretRecord?> DescribeSecretAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            return Task.FromResult(_secrets.TryGetValue(name, out var entry) ? ToRecord(name, entry) : null);
        }
    }

    public Task<IReadOnlyList<SecretRecord>> ListSecretsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<SecretRecord>>([.. _secrets.Select(p => ToRecord(p.Key, p.Value))]);
        }
    }

    public Task<SecretValueRecord?> GetSecretValueAsync(string name, string versionOrLabel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(versionOrLabel);
        lock (_lock)
        {
            if (!_secrets.TryGetValue(name, out var entry))
            {
                return Task.FromResult<SecretValueRecord?>(null);
            }

            var version = entry.Versions.Find(v => v.Label == versionOrLabel || v.VersionId == versionOrLabel);
            return Task.FromResult(version is null ? null : new SecretValueRecord(name, version.VersionId, version.Label, version.Ciphertext.ToArray()));
        }
    }

    public Task<IReadOnlyList<SecretValueRecord>> GetLabeledSecretValuesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<SecretValueRecord>>([.. _secrets.SelectMany(p => p.Value.Versions
                .Where(v => v.Label is not null)
                .Select(v => new SecretValueRecord(p.Key, v.VersionId, v.Label, v.Ciphertext.ToArray())))]);
        }
    }

    public Task<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            var removed = _secrets.Remove(name);
            if (removed)
            {
                _revision++;
            }

            return Task.FromResult(removed);
        }
    }

    public Task CreateAccessKeyAsync(AccessKeyRecord key, CancellationToken cancellationToken)
    {
        SecretStoreRules.Validate(key);
        lock (_lock)
        {
            if (!_keys.TryAdd(key.AccessKeyId, key with { SecretCiphertext = key.SecretCiphertext.ToArray() }))
            {
                throw SecretStoreRules.DuplicateAccessKey(key.AccessKeyId);
            }

            _revision++;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AccessKeyRecord>> ListAccessKeysAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<AccessKeyRecord>>([.. _keys.Values
                .OrderBy(k => k.UserName, StringComparer.Ordinal).ThenBy(k => k.AccessKeyId, StringComparer.Ordinal)]);
        }
    }

    public Task<bool> SetAccessKeyEnabledAsync(string accessKeyId, bool enabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);
        lock (_lock)
        {
            if (!_keys.TryGetValue(accessKeyId, out var key))
            {
                return Task.FromResult(false);
            }

            _keys[accessKeyId] = key with { Enabled = enabled };
            _revision++;
            return Task.FromResult(true);
        }
    }

    public Task<bool> DeleteAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);
        lock (_lock)
        {
            var removed = _keys.Remove(accessKeyId);
            if (removed)
            {
                _revision++;
            }

            return Task.FromResult(removed);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static SecretRecord ToRecord(string name, Entry entry) => new()
    {
        Name = name,
        Description = entry.Description,
        CreatedAt = entry.CreatedAt,
        LastChangedAt = entry.LastChangedAt ?? entry.CreatedAt,
        Versions = [.. entry.Versions.Select(v => new SecretVersionRecord(v.VersionId, v.CreatedAt, v.Label))],
    };

    private sealed class Entry
    {
        public required DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset? LastChangedAt { get; set; }

        public string? Description { get; set; }

        /// <summary>Newest first.</summary>
        public List<Version> Versions { get; } = [];
    }

    private sealed record Version(string VersionId, DateTimeOffset CreatedAt, string? Label, byte[] Ciphertext);
}
