using Lakegate.Gateway.Secrets;
using Lakegate.Gateway.Storage;

namespace Lakegate.Cli.Commands;

/// <summary>Loads the master key and opens the secret store for a command, with clear messages.</summary>
internal static class SecretAccess
{
    /// <summary>False (after printing why) for an unreadable or malformed key; true with null when none is configured.</summary>
    public static bool TryLoadKey(string? file, out MasterKey? key)
    {
        try
        {
            key = MasterKey.Load(file);
            return true;
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine(ex.Message);
            key = null;
            return false;
        }
    }

    /// <summary>The vault over the store, or null (after printing why). With <paramref name="requireKey"/>, no key is an error.</summary>
    public static async Task<SecretVault?> OpenAsync(string spec, string? keyFile, bool requireKey, CancellationToken cancellationToken)
    {
        if (!TryLoadKey(keyFile, out var key))
        {
            return null;
        }

        if (key is null && requireKey)
        {
            Console.Error.WriteLine(MasterKey.Missing);
            return null;
        }

        ISecretStore store;
        try
        {
            store = SecretStoreFactory.Create(spec);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"--store: {ex.Message}");
            return null;
        }

        try
        {
            await store.InitializeAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine($"--store: cannot open the secret store ({ex.GetType().Name})");
            await store.DisposeAsync();
            return null;
        }

        return new SecretVault(store, key, TimeProvider.System);
    }
}
