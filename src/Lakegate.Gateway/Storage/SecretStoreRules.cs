using System.Text.RegularExpressions;
using Lakegate.Core.Secrets;

namespace Lakegate.Gateway.Storage;

/// <summary>Checks every secret store implementation applies before writing, so all behave the same.</summary>
internal static partial class SecretStoreRules
{
    public static void Validate(SecretVersionWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ValidateName(write.Name);
        if (!VersionPattern().IsMatch(write.VersionId) || write.VersionId is SecretReference.Current or SecretReference.Previous)
        {
            throw new ArgumentException("A secret version id is 1-64 letters, digits, '-' or '_', and not a staging label.", nameof(write));
        }

        ArgumentNullException.ThrowIfNull(write.Ciphertext);
    }

    public static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException("A secret name is 1-512 characters: letters, digits and /_+=.@-", nameof(name));
        }
    }

    public static void Validate(AccessKeyRecord key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!AccessKeyIdPattern().IsMatch(key.AccessKeyId))
        {
            throw new ArgumentException("An access key id is 16-128 upper-case letters and digits.", nameof(key));
        }

        if (!UserPattern().IsMatch(key.UserName))
        {
            throw new ArgumentException("A user name is 1-64 characters: letters, digits and +=,.@_-", nameof(key));
        }

        if (!AccountPattern().IsMatch(key.AccountId))
        {
            throw new ArgumentException("An account id is 12 digits.", nameof(key));
        }
    }

    public static StoreConflictException DuplicateVersion(string name, string versionId) =>
        new($"secret '{name}' already has a version '{versionId}'");

    public static StoreConflictException DuplicateAccessKey(string id) => new($"access key '{id}' already exists");

    [GeneratedRegex("^[A-Za-z0-9/_+=.@-]{1,512}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[A-Z0-9]{16,128}$")]
    private static partial Regex AccessKeyIdPattern();

    [GeneratedRegex("^[A-Za-z0-9+=,.@_-]{1,64}$")]
    private static partial Regex UserPattern();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();
}
