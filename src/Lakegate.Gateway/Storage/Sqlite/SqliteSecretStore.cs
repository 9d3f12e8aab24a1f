using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lakegate.Gateway.Storage.Sqlite;

/// <summary><see cref="ISecretStore"/> in the same SQLite file as the definition store (own tables, own revision).</summary>
public sealed class SqliteSecretStore : SqlSecretStore
{
    private const int BusyTimeoutMilliseconds = 10_000;

    private static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS secret_revision (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
        INSERT INTO secret_revision (id, value) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
        CREATE TABLE IF NOT EXISTS secrets (
            name TEXT PRIMARY KEY,
            description TEXT NULL,
            created_at INTEGER NOT NULL,
            last_changed_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS secret_versions (
            name TEXT NOT NULL,
            version_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            label TEXT NULL,
            ciphertext BLOB NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (name, version_id)
        );
        CREATE TABLE IF NOT EXISTS access_keys (
            id TEXT PRIMARY KEY,
            user_name TEXT NOT NULL,
            account_id TEXT NOT NULL,
            secret_ciphertext BLOB NOT NULL,
            policies TEXT NOT NULL,
            enabled INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        );
        """,
    ];

    private readonly string _connectionString;

    public SqliteSecretStore(string filePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        FilePath = Path.GetFullPath(filePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
    }

    public string FilePath { get; }

    protected override IReadOnlyList<string> Migrations => Schema;

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};");
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false));

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
