using System.Security.Cryptography;
using System.Text;

namespace Lakegate.Gateway.Secrets;

/// <summary>
/// AES-256-GCM under the master key. Layout: format byte (1), 12-byte random nonce, 16-byte tag,
/// ciphertext. The associated data binds a ciphertext to the row it belongs to (secret name and
/// version, or access key id), so swapping blobs between rows in the database fails to decrypt.
/// </summary>
public sealed class SecretCipher(MasterKey key)
{
    private const byte Format = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    public byte[] Encrypt(string plaintext, string context)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[HeaderSize + data.Length];
        output[0] = Format;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Bytes, TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(HeaderSize), output.AsSpan(1 + NonceSize, TagSize), Encoding.UTF8.GetBytes(context));
        CryptographicOperations.ZeroMemory(data);
        return output;
    }

    /// <summary>Throws <see cref="CryptographicException"/> for a wrong key, a tampered blob or a blob moved to another row.</summary>
    public string Decrypt(byte[] blob, string context)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.Length < HeaderSize || blob[0] != Format)
        {
            throw new CryptographicException("not a Lakegate secret ciphertext");
        }

        var plaintext = new byte[blob.Length - HeaderSize];
        using var aes = new AesGcm(key.Bytes, TagSize);
        aes.Decrypt(blob.AsSpan(1, NonceSize), blob.AsSpan(HeaderSize), blob.AsSpan(1 + NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(context));
        var text = Encoding.UTF8.GetString(plaintext);
        CryptographicOperations.ZeroMemory(plaintext);
        return text;
    }

    public static string SecretContext(string name, string versionId) => "secret\n" + name + "\n" + versionId;

    public static string AccessKeyContext(string accessKeyId) => "access-key\n" + accessKeyId;
}
