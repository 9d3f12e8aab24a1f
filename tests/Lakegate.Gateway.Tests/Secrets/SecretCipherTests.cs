using System.Security.Cryptography;
using System.Text;
using Lakegate.Gateway.Secrets;

namespace Lakegate.Gateway.Tests.Secrets;

public sealed class SecretCipherTests
{
    private static readonly MasterKey Key = MasterKey.Parse(MasterKey.Generate(), "test");

    [Fact]
    public void Encrypt_ThenDecrypt_RoundTripsAndHidesThePlaintext()
    {
        var cipher = new SecretCipher(Key);
        const string value = "p@ssw0rd-ünïcode-🔑";

        var blob = cipher.Encrypt(value, "secret\ndb\nv1");

        Assert.Equal(value, cipher.Decrypt(blob, "secret\ndb\nv1"));
        Assert.DoesNotContain("p@ssw0rd", Encoding.UTF8.GetString(blob), StringComparison.Ordinal);
        Assert.NotEqual(blob, cipher.Encrypt(value, "secret\ndb\nv1"));
    }

    [Fact]
    public void Decrypt_WrongKeyTamperedOrMovedBlob_Fails()
    {
        var cipher = new SecretCipher(Key);
        var blob = cipher.Encrypt("value", "secret\ndb\nv1");
        var tampered = blob.ToArray();
        tampered[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => new SecretCipher(MasterKey.Parse(MasterKey.Generate(), "other")).Decrypt(blob, "secret\ndb\nv1"));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(tampered, "secret\ndb\nv1"));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(blob, "secret\nother\nv1"));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt([1, 2, 3], "secret\ndb\nv1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("too-short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public void Parse_MalformedKey_FailsWithoutQuotingIt(string text)
    {
        var error = Assert.Throws<FormatException>(() => MasterKey.Parse(text, "LAKEGATE_MASTER_KEY"));

        Assert.StartsWith("LAKEGATE_MASTER_KEY: the master key must be 32 bytes", error.Message, StringComparison.Ordinal);
        if (text.Length > 0)
        {
            Assert.DoesNotContain(text, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_FromFileOrEnvironment_AcceptsBase64AndHex()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)) + "\n");

            Assert.NotNull(MasterKey.Load(file, _ => null));
            Assert.NotNull(MasterKey.Load(null, _ => MasterKey.Generate()));
            Assert.Null(MasterKey.Load(null, _ => null));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
