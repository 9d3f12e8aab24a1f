using Lakegate.Gateway.Storage;

namespace Lakegate.Cli.Commands;

/// <summary>Opens the definition store a command names, with a clear message for a bad spec.</summary>
internal static class StoreAccess
{
    public static async Task<IDefinitionStore?> OpenAsync(string spec, CancellationToken cancellationToken)
    {
        IDefinitionStore store;
        try
        {
            store = DefinitionStoreFactory.Create(spec);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"--store: {ex.Message}");
            return null;
        }

        try
        {
            await store.InitializeAsync(cancellationToken);
            return store;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Connection failures carry no secrets in their type name; the message of a provider may, so it is not echoed.
            Console.Error.WriteLine($"--store: cannot open the definition store ({ex.GetType().Name})");
            await store.DisposeAsync();
            return null;
        }
    }
}
