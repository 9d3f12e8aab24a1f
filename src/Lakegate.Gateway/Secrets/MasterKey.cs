namespace Lakegate.Gateway.Secrets;

/// <summary>
/// The AES-256 key every secret and access key is encrypted under. Given as 32 random bytes in
/// base64 (44 characters, e.g. <c>openssl rand -base64 32</c>) or hex (64 characters), either in the
/// <c>LAKEGATE_MASTER_KEY</c> environment variable or in a file (<c>--master-key-file</c>), which wins.
/// Without one, secret features refuse to run rather than store anything in the clear.
/// </summary>
public sealed class MasterKey
{
    public const string EnvironmentVariable = "LAKEGATE_MASTER_KEY";

    public const int Length = 32;

    public const string Missing =
        "no master key: set LAKEGATE_MASTER_KEY or pass --master-key-file FILE (32 random bytes, base64 or hex, e.g. `openssl rand -base64 32`)";

    private readonly byte[] _key;

    private MasterKey(byte[] key) => _key = key;

    internal ReadOnlySpan<byte> Bytes => _key;

    /// <summary>Parses key text; the error message never quotes it.</summary>
    public static MasterKey Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        byte[]? bytes = null;
        if (trimmed.Length == Length * 2 && trimmed.All(Uri.IsHexDigit))
        {
            bytes = Convert.FromHexString(trimmed);
        }
        else
        {
            var buffer = new byte[Length + 3];
            if (Convert.TryFromBase64String(trimmed, buffer, out var written) && written == Length)
            {
                bytes = buffer[..Length];
            }
        }

        return bytes is null
            ? throw new FormatException($"{source}: the master key must be 32 bytes in base64 (44 characters) or hex (64 characters)")
            : new MasterKey(bytes);
    }

    /// <summary>The key from <paramref name="file"/> if given, else from the environment; null when neither is set.</summary>
    public static MasterKey? Load(string? file, Func<string, string?>? environment = null)
    {
        if (!string.IsNullOrWhiteSpace(file))
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new FormatException($"--master-key-file {file}: cannot read the file ({e.GetType().Name})");
            }

            return Parse(text, "--master-key-file " + file);
        }

        var value = (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(value) ? null : Parse(value, EnvironmentVariable);
    }

    /// <summary>A fresh random key, base64, for <c>lakegate secrets init-key</c> and tests.</summary>
    public static string Generate() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(Length));
}
