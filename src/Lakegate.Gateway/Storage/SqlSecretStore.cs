using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Lakegate.Gateway.Storage;

/// <summary>
/// The SQL shared by the SQLite and PostgreSQL secret stores. Both accept <c>@name</c> parameters,
/// <c>ON CONFLICT</c> and <c>RETURNING</c>; times are stored as Unix milliseconds and flags as integers
/// so one set of statements serves both. Every write transaction starts by bumping the revision row,
/// which orders writers (a row lock on PostgreSQL, the write lock on SQLite).
/// </summary>
public abstract class SqlSecretStore : ISecretStore
{
    /// <summary>Migration n (1-based) takes the schema from version n-1 to n. Append, never edit.</summary>
    protected abstract IReadOnlyList<string> Migrations { get; }

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that holds the write lock from its first statement.</summary>
    protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Serialises schema creation across processes (PostgreSQL advisory lock; SQLite's write lock suffices).</summary>
    protected virtual Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await LockSchemaAsync(connection, transaction, cancellationToken);
        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS secret_schema_version (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL);", cancellationToken);
        long current;
        await using (var read = Command(connection, transaction, "SELECT version FROM secret_schema_version WHERE id = 1;"))
        {
            current = await read.ExecuteScalarAsync(cancellationToken) is { } v and not DBNull ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : 0;
        }

        if (current > Migrations.Count)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The secret store schema is at version {current}, newer than this Lakegate understands ({Migrations.Count}). Upgrade Lakegate."));
        }

        for (var next = current + 1; next <= Migrations.Count; next++)
        {
            await ExecuteAsync(connection, transaction, Migrations[(int)next - 1], cancellationToken);
        }

        await using (var write = Command(connection, transaction,
            "INSERT INTO secret_schema_version (id, version) VALUES (1, @version) ON CONFLICT (id) DO UPDATE SET version = excluded.version;"))
        {
            Add(write, "version", Migrations.Count);
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> GetRevisionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT value FROM secret_revision WHERE id = 1;");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<SecretRecord> PutSecretVersionAsync(SecretVersionWrite write, CancellationToken cancellationToken)
    {
        SecretStoreRules.Validate(write);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var revision = await BumpRevisionAsync(connection, transaction, cancellationToken);

        await using (var upsert = Command(connection, transaction, """
            INSERT INTO secrets (name, description, created_at, last_changed_at) VALUES (@name, @description, @at, @at)
            ON CONFLICT (name) DO UPDATE SET description = COALESCE(excluded.description, secrets.description), last_changed_at = excluded.last_changed_at;
            """))
        {
            Add(upsert, "name", write.Name);
            Add(upsert, "description", write.Description);
            Add(upsert, "at", write.CreatedAt.ToUnixTimeMilliseconds());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var exists = Command(connection, transaction, "SELECT 1 FROM secret_versions WHERE name = @name AND version_id = @version;"))
        {
            Add(exists, "name", write.Name);
            Add(exists, "version", write.VersionId);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null and not DBNull)
            {
                throw SecretStoreRules.DuplicateVersion(write.Name, write.VersionId);
            }
        }

        // Labels move down one step; a version left without a label is deprecated and removed.
        foreach (var sql in new[]
        {
            "DELETE FROM secret_versions WHERE name = @name AND (label IS NULL OR label = 'AWSPREVIOUS');",
            "UPDATE secret_versions SET label = 'AWSPREVIOUS' WHERE name = @name AND label = 'AWSCURRENT';",
        })
        {
            await using var move = Command(connection, transaction, sql);
            Add(move, "name", write.Name);
            await move.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = Command(connection, transaction, """
            INSERT INTO secret_versions (name, version_id, created_at, label, ciphertext, seq)
            VALUES (@name, @version, @at, 'AWSCURRENT', @ciphertext, @seq);
            """))
        {
            Add(insert, "name", write.Name);
            Add(insert, "version", write.VersionId);
            Add(insert, "at", write.CreatedAt.ToUnixTimeMilliseconds());
            Add(insert, "ciphertext", write.Ciphertext);
            Add(insert, "seq", revision);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var record = await DescribeAsync(connection, transaction, write.Name, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return record!;
    }

    public async Task<SecretRecord?> DescribeSecretAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await OpenAsync(cancellationToken);
        return await DescribeAsync(connection, null, name, cancellationToken);
    }

    public async Task<IReadOnlyList<SecretRecord>> ListSecretsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var secrets = new List<SecretRecord>();
        await using (var command = Command(connection, null, "SELECT name, description, created_at, last_changed_at FROM secrets ORDER BY name;"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                secrets.Add(ReadSecret(reader));
            }
        }

        var versions = new Dictionary<string, List<SecretVersionRecord>>(StringComparer.Ordinal);
        await using (var command = Command(connection, null, "SELECT name, version_id, created_at, label FROM secret_versions ORDER BY name, created_at DESC, seq DESC;"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(0);
                if (!versions.TryGetValue(name, out var list))
                {
                    versions[name] = list = [];
                }

                list.Add(ReadVersion(reader, 1));
            }
        }

        return [.. secrets.Select(s => s with { Versions = versions.GetValueOrDefault(s.Name) ?? [] })];
    }

    public async Task<SecretValueRecord?> GetSecretValueAsync(string name, string versionOrLabel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(versionOrLabel);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT name, version_id, label, ciphertext FROM secret_versions
            WHERE name = @name AND (label = @selector OR version_id = @selector);
            """);
        Add(command, "name", name);
        Add(command, "selector", versionOrLabel);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadValue(reader) : null;
    }

    public async Task<IReadOnlyList<SecretValueRecord>> GetLabeledSecretValuesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT name, version_id, label, ciphertext FROM secret_versions WHERE label IS NOT NULL ORDER BY name, label;");
        var values = new List<SecretValueRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(ReadValue(reader));
        }

        return values;
    }

    public async Task<bool> DeleteSecretAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return await WriteAsync(async (connection, transaction) =>
        {
            await using (var versions = Command(connection, transaction, "DELETE FROM secret_versions WHERE name = @name;"))
            {
                Add(versions, "name", name);
                await versions.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var secret = Command(connection, transaction, "DELETE FROM secrets WHERE name = @name;");
            Add(secret, "name", name);
            return await secret.ExecuteNonQueryAsync(cancellationToken) > 0;
        }, cancellationToken);
    }

    public async Task CreateAccessKeyAsync(AccessKeyRecord key, CancellationToken cancellationToken)
    {
        SecretStoreRules.Validate(key);
        var created = await WriteAsync(async (connection, transaction) =>
        {
            await using var insert = Command(connection, transaction, """
                INSERT INTO access_keys (id, user_name, account_id, secret_ciphertext, policies, enabled, created_at)
                VALUES (@id, @user, @account, @secret, @policies, @enabled, @created)
                ON CONFLICT (id) DO NOTHING;
                """);
            Add(insert, "id", key.AccessKeyId);
            Add(insert, "user", key.UserName);
            Add(insert, "account", key.AccountId);
            Add(insert, "secret", key.SecretCiphertext);
            Add(insert, "policies", JsonSerializer.Serialize(key.Policies));
            Add(insert, "enabled", key.Enabled ? 1 : 0);
            Add(insert, "created", key.CreatedAt.ToUnixTimeMilliseconds());
            return await insert.ExecuteNonQueryAsync(cancellationToken) > 0;
        }, cancellationToken);
        if (!created)
        {
            throw SecretStoreRules.DuplicateAccessKey(key.AccessKeyId);
        }
    }

    public async Task<IReadOnlyList<AccessKeyRecord>> ListAccessKeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT id, user_name, account_id, secret_ciphertext, policies, enabled, created_at FROM access_keys ORDER BY user_name, id;");
        var keys = new List<AccessKeyRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new AccessKeyRecord
            {
                AccessKeyId = reader.GetString(0),
                UserName = reader.GetString(1),
                AccountId = reader.GetString(2),
                SecretCiphertext = (byte[])reader.GetValue(3),
                Policies = JsonSerializer.Deserialize<string[]>(reader.GetString(4)) ?? [],
                Enabled = Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture) != 0,
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture)),
            });
        }

        return keys;
    }

    public Task<bool> SetAccessKeyEnabledAsync(string accessKeyId, bool enabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);
        return WriteAsync(async (connection, transaction) =>
        {
            await using var update = Command(connection, transaction, "UPDATE access_keys SET enabled = @enabled WHERE id = @id;");
            Add(update, "enabled", enabled ? 1 : 0);
            Add(update, "id", accessKeyId);
            return await update.ExecuteNonQueryAsync(cancellationToken) > 0;
        }, cancellationToken);
    }

    public Task<bool> DeleteAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);
        return WriteAsync(async (connection, transaction) =>
        {
            await using var delete = Command(connection, transaction, "DELETE FROM access_keys WHERE id = @id;");
            Add(delete, "id", accessKeyId);
            return await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
        }, cancellationToken);
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>Runs a write; the revision moves only when it changed something.</summary>
    private async Task<bool> WriteAsync(Func<DbConnection, DbTransaction, Task<bool>> write, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await BumpRevisionAsync(connection, transaction, cancellationToken);
        if (!await write(connection, transaction))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<SecretRecord?> DescribeAsync(DbConnection connection, DbTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        SecretRecord secret;
        await using (var command = Command(connection, transaction, "SELECT name, description, created_at, last_changed_at FROM secrets WHERE name = @name;"))
        {
            Add(command, "name", name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            secret = ReadSecret(reader);
        }

        var versions = new List<SecretVersionRecord>();
        await using (var command = Command(connection, transaction,
            "SELECT version_id, created_at, label FROM secret_versions WHERE name = @name ORDER BY created_at DESC, seq DESC;"))
        {
            Add(command, "name", name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                versions.Add(ReadVersion(reader, 0));
            }
        }

        return secret with { Versions = versions };
    }

    private static SecretRecord ReadSecret(DbDataReader reader) => new()
    {
        Name = reader.GetString(0),
        Description = reader.IsDBNull(1) ? null : reader.GetString(1),
        CreatedAt = Time(reader, 2),
        LastChangedAt = Time(reader, 3),
    };

    private static SecretVersionRecord ReadVersion(DbDataReader reader, int first) =>
        new(reader.GetString(first), Time(reader, first + 1), reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2));

    private static SecretValueRecord ReadValue(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), (byte[])reader.GetValue(3));

    private static DateTimeOffset Time(DbDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture));

    private static async Task<long> BumpRevisionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "UPDATE secret_revision SET value = value + 1 WHERE id = 1 RETURNING value;");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            parameter.DbType = System.Data.DbType.String;
        }

        command.Parameters.Add(parameter);
    }
}
