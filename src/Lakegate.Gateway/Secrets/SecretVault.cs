using System.Security.Cryptography;
using Lakegate.Gateway.Storage;

namespace Lakegate.Gateway.Secrets;

/// <summary>
/// The one place plaintext meets the store: encrypts before writing, decrypts after reading.
/// Without a master key every operation that needs one throws <see cref="SecretsUnavailableException"/>;
/// metadata reads (list, describe) work without it.
/// </summary>
public sealed class SecretVault(ISecretStore store, MasterKey? key, TimeProvider time)
{
    private const string AccessKeyIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretKeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private readonly SecretCipher? _cipher = key is null ? null : new SecretCipher(key);

    public ISecretStore Store => store;

    public bool HasMasterKey => _cipher is not null;

    private SecretCipher Cipher => _cipher ?? throw new SecretsUnavailableException(MasterKey.Missing);

    /// <summary>Stores <paramref name="value"/> as the new AWSCURRENT version (creating the secret when absent).</summary>
    public Task<SecretRecord> PutAsync(string name, string value, string? description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var versionId = Guid.NewGuid().ToString("D");
        return store.PutSecretVersionAsync(new SecretVersionWrite
        {
            Name = name,
            VersionId = versionId,
            Ciphertext = Cipher.Encrypt(value, SecretCipher.SecretContext(name, versionId)),
            Description = description,
            CreatedAt = time.GetUtcNow(),
        }, cancellationToken);
    }

    /// <summary>The plaintext of one version (label or id); null when absent.</summary>
    public async Task<string?> GetValueAsync(string name, string versionOrLabel, CancellationToken cancellationToken)
    {
        var cipher = Cipher;
        var value = await store.GetSecretValueAsync(name, versionOrLabel, cancellationToken);
        return value is null ? null : Decrypt(cipher, value);
    }

    /// <summary>
    /// Creates an access key for <paramref name="userName"/>. The secret access key is returned here
    /// once and only ever stored encrypted.
    /// </summary>
    public async Task<(AccessKeyRecord Key, string SecretAccessKey)> CreateAccessKeyAsync(
        string userName, string accountId, IReadOnlyList<string> policies, CancellationToken cancellationToken)
    {
        var cipher = Cipher;
        var id = "AKIA" + RandomString(AccessKeyIdAlphabet, 16);
        var secret = RandomString(SecretKeyAlphabet, 40);
        var record = new AccessKeyRecord
        {
            AccessKeyId = id,
            UserName = userName,
            AccountId = accountId,
            SecretCiphertext = cipher.Encrypt(secret, SecretCipher.AccessKeyContext(id)),
            Policies = policies,
            CreatedAt = time.GetUtcNow(),
        };
        await store.CreateAccessKeyAsync(record, cancellationToken);
        return (record, secret);
    }

    /// <summary>Every labeled secret value and every access key, decrypted, at one store revision.</summary>
    public async Task<SecretsSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var revision = await store.GetRevisionAsync(cancellationToken);
        if (_cipher is null)
        {
            return SecretsSnapshot.Empty with { Revision = revision };
        }

        var values = new Dictionary<(string, string), string>();
        var failures = new List<string>();
        foreach (var value in await store.GetLabeledSecretValuesAsync(cancellationToken))
        {
            try
            {
                var plaintext = Decrypt(_cipher, value);
                values[(value.Name, value.VersionId)] = plaintext;
                if (value.Label is { } label)
                {
                    values[(value.Name, label)] = plaintext;
                }
            }
            catch (CryptographicException)
            {
                failures.Add($"secret '{value.Name}' version {value.VersionId}");
            }
        }

        var keys = new Dictionary<string, DecryptedAccessKey>(StringComparer.Ordinal);
        foreach (var key in await store.ListAccessKeysAsync(cancellationToken))
        {
            try
            {
                keys[key.AccessKeyId] = new DecryptedAccessKey(key, _cipher.Decrypt(key.SecretCiphertext, SecretCipher.AccessKeyContext(key.AccessKeyId)));
            }
            catch (CryptographicException)
            {
                failures.Add($"access key {key.AccessKeyId}");
            }
        }

        return new SecretsSnapshot(revision, values, keys, failures);
    }

    private static string Decrypt(SecretCipher cipher, SecretValueRecord value)
    {
        try
        {
            return cipher.Decrypt(value.Ciphertext, SecretCipher.SecretContext(value.Name, value.VersionId));
        }
        catch (CryptographicException)
        {
            throw new SecretsUnavailableException($"secret '{value.Name}' cannot be decrypted: wrong master key, or the stored value was altered");
        }
    }

    private static string RandomString(string alphabet, int length) =>
        string.Create(length, alphabet, static (span, chars) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[RandomNumberGenerator.GetInt32(chars.Length)];
            }
        });
}
