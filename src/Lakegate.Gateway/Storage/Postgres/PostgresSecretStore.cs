using System.Data.Common;
using Npgsql;

namespace Lakegate.Gateway.Storage.Postgres;

/// <summary><see cref="ISecretStore"/> in the same PostgreSQL database as the definition store (own tables, own revision).</summary>
public sealed class PostgresSecretStore : SqlSecretStore
{
    // Not the definition store's key: the two schemas migrate independently. ("lgsecret" in ASCII.)
    private const long SchemaLockKey = 0x6c67736563726574;

    private static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS secret_revision (id integer PRIMARY KEY CHECK (id = 1), value bigint NOT NULL);
        INSERT INTO secret_revision (id, value) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
        CREATE TABLE IF NOT EXISTS secrets (
            name text PRIMARY KEY,
            description text NULL,
            created_at bigint NOT NULL,
            last_changed_at bigint NOT NULL
        );
        CREATE TABLE IF NOT EXISTS secret_versions (
            name text NOT NULL,
            version_id text NOT NULL,
            created_at bigint NOT NULL,
            label text NULL,
            ciphertext bytea NOT NULL,
            seq bigint NOT NULL,
            PRIMARY KEY (name, version_id)
        );
        CREATE TABLE IF NOT EXISTS access_keys (
            id text PRIMARY KEY,
            user_name text NOT NULL,
            account_id text NOT NULL,
            secret_ciphertext bytea NOT NULL,
            policies text NOT NULL,
            enabled integer NOT NULL,
            created_at bigint NOT NULL
        );
        """,
    ];

    private readonly NpgsqlDataSource _dataSource;

    public PostgresSecretStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            _dataSource = NpgsqlDataSource.Create(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException("The PostgreSQL connection string is not valid (expected Host=...;Port=...;Username=...;Password=...;Database=...).", nameof(connectionString));
        }
    }

    protected override IReadOnlyList<string> Migrations => Schema;

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    protected override async Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key);", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("key", SchemaLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
