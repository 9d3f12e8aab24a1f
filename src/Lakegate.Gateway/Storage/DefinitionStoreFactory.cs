namespace Lakegate.Gateway.Storage;

/// <summary>Placeholder until the SQLite/PostgreSQL stores land (replaced by the storage branch).</summary>
public static class DefinitionStoreFactory
{
    public static IDefinitionStore Create(string spec, TimeProvider? time = null) =>
        throw new ArgumentException($"store '{spec}' is not available in this build");
}
