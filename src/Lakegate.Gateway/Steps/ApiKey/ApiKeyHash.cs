using System.Security.Cryptography;
using System.Text;

namespace Lakegate.Gateway.Steps.ApiKey;

/// <summary>
/// The one way a key value is turned into what Lakegate stores and looks up: lower-case hex
/// SHA-256 of its UTF-8 bytes. Key values are long random strings, so an unsalted fast hash is
/// enough to keep them out of the store and logs while allowing a dictionary lookup per request.
/// </summary>
public static class ApiKeyHash
{
    public static string Compute(string value)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var bytes = max <= 512 ? stackalloc byte[512] : (rented = new byte[max]);
        var length = Encoding.UTF8.GetBytes(value, bytes);
        SHA256.HashData(bytes[..length], hash);
        return Convert.ToHexStringLower(hash);
    }
}
