using System.Data.Common;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Secrets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lakegate.Gateway.Integrations.Sql;

/// <summary>
/// The node's <c>sql.connections</c>, each opened through its driver's pool (an NpgsqlDataSource per
/// PostgreSQL connection, Microsoft.Data.Sqlite's shared pool for SQLite). Connection strings go
/// through the secret resolver, and are resolved again (with a fresh pool) when the secret store moves,
/// so a rotated password takes effect without a restart. Errors name the connection, never the string.
/// </summary>
public sealed class SqlConnections : IAsyncDisposable
{
    private readonly Dictionary<string, SqlConnectionDefinition> _definitions;
    private readonly SecretResolver _secrets;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Opened> _opened = new(StringComparer.Ordinal);

    public SqlConnections(IOptions<GatewayOptions> options, SecretResolver secrets)
    {
        Definition = options.Value.Sql;
        _definitions = Definition.Connections.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _secrets = secrets;
    }

    public SqlDefinition Definition { get; }

    public SqlConnectionDefinition Connection(string name) => _definitions[name];

    /// <summary>An open pooled connection. Throws <see cref="SqlUnavailableException"/> when it cannot be opened.</summary>
    public async Task<DbConnection> OpenAsync(string name, CancellationToken cancellationToken)
    {
        var opened = Resolve(name);
        DbConnection connection = opened.DataSource is { } dataSource
            ? dataSource.CreateConnection()
            : new SqliteConnection(opened.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException)
        {
            await connection.DisposeAsync();
            throw new SqlUnavailableException($"connection '{name}' could not be opened: {ex.GetType().Name}", ex);
        }
    }

    private Opened Resolve(string name)
    {
        var definition = _definitions[name];
        var revision = _secrets.Revision;
        NpgsqlDataSource? stale = null;
        Opened opened;
        lock (_gate)
        {
            if (_opened.TryGetValue(name, out var current) && current.Revision == revision)
            {
                return current;
            }

            var errors = new List<string>();
            var text = _secrets.Resolve(definition.ConnectionString, errors);
            if (errors.Count > 0)
            {
                throw new SqlUnavailableException($"connection '{name}': {string.Join("; ", errors)}", null);
            }

            try
            {
                opened = definition.Provider == SqlProvider.Postgres ? Postgres(definition, text, revision) : Sqlite(text, revision);
            }
            catch (ArgumentException ex)
            {
                // The driver's message may quote the string (and so a password): only its kind is told.
                throw new SqlUnavailableException($"connection '{name}': the connection string is not valid for {definition.Provider}", ex);
            }

            stale = current?.DataSource;
            _opened[name] = opened;
        }

        // Connections already handed out keep working; the old pool closes its idle ones.
        stale?.Dispose();
        return opened;
    }

    private static Opened Postgres(SqlConnectionDefinition definition, string text, long revision)
    {
        var builder = new NpgsqlConnectionStringBuilder(text) { CommandTimeout = definition.StatementTimeoutSeconds };
        if (definition.MaxPoolSize is { } max)
        {
            builder.MaxPoolSize = max;
        }

        return new Opened(revision, builder.ConnectionString, NpgsqlDataSource.Create(builder));
    }

    private static Opened Sqlite(string text, long revision)
    {
        var builder = new SqliteConnectionStringBuilder(text) { Pooling = true, DefaultTimeout = 5 };
        return new Opened(revision, builder.ConnectionString, null);
    }

    public async ValueTask DisposeAsync()
    {
        List<NpgsqlDataSource> sources;
        lock (_gate)
        {
            sources = [.. _opened.Values.Select(o => o.DataSource).OfType<NpgsqlDataSource>()];
            _opened.Clear();
        }

        foreach (var source in sources)
        {
            await source.DisposeAsync();
        }
    }

    private sealed record Opened(long Revision, string ConnectionString, NpgsqlDataSource? DataSource);
}
