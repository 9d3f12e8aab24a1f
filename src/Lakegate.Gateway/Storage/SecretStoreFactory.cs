using Lakegate.Gateway.Storage.Memory;
using Lakegate.Gateway.Storage.Postgres;
using Lakegate.Gateway.Storage.Sqlite;

namespace Lakegate.Gateway.Storage;

/// <summary>
/// Opens the secret store that lives beside the definition store named by the same spec
/// (<c>sqlite:PATH</c>, a path, <c>postgres://...</c>, <c>postgres:Host=...</c>, <c>memory</c>).
/// </summary>
public static class SecretStoreFactory
{
    /// <summary>The secret store in the same database as <paramref name="definitions"/>; an in-memory one beside any other store.</summary>
    public static ISecretStore For(IDefinitionStore definitions) => definitions switch
    {
        SqliteDefinitionStore sqlite => new SqliteSecretStore(sqlite.FilePath),
        PostgresDefinitionStore postgres => new PostgresSecretStore(postgres.ConnectionString),
        _ => new MemorySecretStore(),
    };

    public static ISecretStore Create(string spec)
    {
        // Same parsing and the same spec-free error messages as the definition store.
        if (string.IsNullOrWhiteSpace(spec))
        {
            throw new ArgumentException("The store spec is empty; use sqlite:PATH, a file path, postgres://... or postgres:Host=...", nameof(spec));
        }

        spec = spec.Trim();
        if (spec.Equals("memory", StringComparison.OrdinalIgnoreCase))
        {
            return new MemorySecretStore();
        }

        if (spec.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new PostgresSecretStore(DefinitionStoreFactory.PostgresUriToConnectionString(spec));
        }

        if (spec.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("postgresql:", StringComparison.OrdinalIgnoreCase))
        {
            return new PostgresSecretStore(DefinitionStoreFactory.ValidateKeywordConnectionString(spec[(spec.IndexOf(':', StringComparison.Ordinal) + 1)..]));
        }

        // Anything else was already judged by DefinitionStoreFactory (which callers create first); a
        // sqlite: prefix or a plain path remains.
        var path = spec.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? spec["sqlite:".Length..].Trim() : spec;
        if (path.Length == 0 || path.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException("The store spec is not a secret-capable store; use sqlite:PATH, a file path, postgres://... or postgres:Host=...", nameof(spec));
        }

        return new SqliteSecretStore(path);
    }
}
