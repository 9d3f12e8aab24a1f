using System.Data;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lakegate.Gateway.Storage.Sqlite;

/// <summary>
/// <see cref="IDefinitionStore"/> over one SQLite file: the single-machine default. WAL mode and a
/// busy timeout let a <c>lakegate deploy</c> process write while a running gateway reads and polls.
/// </summary>
public sealed class SqliteDefinitionStore : IDefinitionStore
{
    // Writers wait this long for another process's write lock before giving up with SQLITE_BUSY.
    private const int BusyTimeoutMilliseconds = 10_000;

    // Fixed width, UTC, 100 ns resolution: sorts as text and round-trips DateTimeOffset exactly.
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Migration n (1-based) takes the schema from version n-1 to n. Append, never edit.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS revision (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            value INTEGER NOT NULL
        );
        INSERT INTO revision (id, value) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

        CREATE TABLE IF NOT EXISTS deployments (
            api_id TEXT NOT NULL,
            id TEXT NOT NULL,
            description TEXT NULL,
            created_at TEXT NOT NULL,
            definition_json TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            created_revision INTEGER NOT NULL,
            PRIMARY KEY (api_id, id)
        );
        CREATE INDEX IF NOT EXISTS deployments_newest_first ON deployments (api_id, created_at DESC, created_revision DESC);

        CREATE TABLE IF NOT EXISTS stages (
            api_id TEXT NOT NULL,
            name TEXT NOT NULL,
            deployment_id TEXT NOT NULL,
            description TEXT NULL,
            variables TEXT NOT NULL,
            canary_deployment_id TEXT NULL,
            canary_percent REAL NULL,
            canary_overrides TEXT NULL,
            version INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (api_id, name),
            FOREIGN KEY (api_id, deployment_id) REFERENCES deployments (api_id, id),
            FOREIGN KEY (api_id, canary_deployment_id) REFERENCES deployments (api_id, id)
        );
        CREATE INDEX IF NOT EXISTS stages_deployment ON stages (api_id, deployment_id);
        CREATE INDEX IF NOT EXISTS stages_canary_deployment ON stages (api_id, canary_deployment_id);

        CREATE TABLE IF NOT EXISTS domains (
            domain_name TEXT PRIMARY KEY,
            mappings TEXT NOT NULL
        );
        """,
        """
        CREATE TABLE IF NOT EXISTS usage_plans (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            document TEXT NOT NULL
        );

        CREATE TABLE IF NOT EXISTS usage (
            plan_name TEXT NOT NULL,
            key_name TEXT NOT NULL,
            day TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (plan_name, key_name, day)
        );
        """,
        """
        ALTER TABLE stages ADD COLUMN method_throttles TEXT NULL;
        """,
    ];

    private const string StageColumns =
        "api_id, name, deployment_id, description, variables, canary_deployment_id, canary_percent, canary_overrides, version, updated_at, method_throttles";

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    public SqliteDefinitionStore(string filePath, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        FilePath = Path.GetFullPath(filePath);
        _time = time ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
    }

    /// <summary>The absolute path of the database file.</summary>
    public string FilePath { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenAsync(cancellationToken);

        // WAL is a property of the file, so setting it once here covers every later connection and
        // process; readers then never block the writer and vice versa.
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteScalarAsync(cancellationToken);
        }

        await using var transaction = BeginWrite(connection);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);", cancellationToken);

        long current;
        await using (var read = Command(connection, transaction, "SELECT version FROM schema_version WHERE id = 1;"))
        {
            current = await read.ExecuteScalarAsync(cancellationToken) is long v ? v : 0;
        }

        if (current > Migrations.Length)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The definition store schema is at version {current}, newer than this Lakegate understands ({Migrations.Length}). Upgrade Lakegate."));
        }

        for (var next = current + 1; next <= Migrations.Length; next++)
        {
            await ExecuteAsync(connection, transaction, Migrations[next - 1], cancellationToken);
        }

        await using (var write = Command(connection, transaction,
            "INSERT INTO schema_version (id, version) VALUES (1, $version) ON CONFLICT (id) DO UPDATE SET version = excluded.version;"))
        {
            write.Parameters.AddWithValue("$version", (long)Migrations.Length);
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> GetRevisionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT value FROM revision WHERE id = 1;");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task CreateDeploymentAsync(DeploymentRecord deployment, CancellationToken cancellationToken)
    {
        DefinitionStoreRules.ValidateDeployment(deployment);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = BeginWrite(connection);
        var revision = await BumpRevisionAsync(connection, transaction, cancellationToken);

        await using var insert = Command(connection, transaction, """
            INSERT INTO deployments (api_id, id, description, created_at, definition_json, content_hash, created_revision)
            VALUES ($api, $id, $description, $created, $json, $hash, $revision)
            ON CONFLICT (api_id, id) DO NOTHING;
            """);
        insert.Parameters.AddWithValue("$api", deployment.ApiId);
        insert.Parameters.AddWithValue("$id", deployment.Id);
        insert.Parameters.AddWithValue("$description", (object?)deployment.Description ?? DBNull.Value);
        insert.Parameters.AddWithValue("$created", FormatTime(deployment.CreatedAt));
        insert.Parameters.AddWithValue("$json", deployment.DefinitionJson);
        insert.Parameters.AddWithValue("$hash", deployment.ContentHash);
        insert.Parameters.AddWithValue("$revision", revision);
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw DefinitionStoreRules.DuplicateDeployment(deployment.ApiId, deployment.Id);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<DeploymentRecord?> GetDeploymentAsync(string apiId, string deploymentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiId);
        ArgumentNullException.ThrowIfNull(deploymentId);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT api_id, id, description, created_at, definition_json, content_hash
            FROM deployments WHERE api_id = $api AND id = $id;
            """);
        command.Parameters.AddWithValue("$api", apiId);
        command.Parameters.AddWithValue("$id", deploymentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDeployment(reader) : null;
    }

    public async Task<IReadOnlyList<DeploymentRecord>> ListDeploymentsAsync(string apiId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiId);
        await using var connection = await OpenAsync(cancellationToken);

        // Equal CreatedAt values are ordered by the revision that stored them: the later write first.
        await using var command = Command(connection, null, """
            SELECT api_id, id, description, created_at, definition_json, content_hash
            FROM deployments WHERE api_id = $api
            ORDER BY created_at DESC, created_revision DESC;
            """);
        command.Parameters.AddWithValue("$api", apiId);
        var result = new List<DeploymentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(ReadDeployment(reader));
        }

        return result;
    }

    public async Task<bool> DeleteDeploymentAsync(string apiId, string deploymentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiId);
        ArgumentNullException.ThrowIfNull(deploymentId);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = BeginWrite(connection);

        await using (var users = Command(connection, transaction, """
            SELECT name, deployment_id <> $id FROM stages
            WHERE api_id = $api AND (deployment_id = $id OR canary_deployment_id = $id)
            ORDER BY name LIMIT 1;
            """))
        {
            users.Parameters.AddWithValue("$api", apiId);
            users.Parameters.AddWithValue("$id", deploymentId);
            await using var reader = await users.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                throw DefinitionStoreRules.DeploymentInUse(apiId, deploymentId, reader.GetString(0), reader.GetBoolean(1));
            }
        }

        await using var delete = Command(connection, transaction, "DELETE FROM deployments WHERE api_id = $api AND id = $id;");
        delete.Parameters.AddWithValue("$api", apiId);
        delete.Parameters.AddWithValue("$id", deploymentId);
        if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            // Nothing changed, so the revision must not move either: leave without committing.
            return false;
        }

        await BumpRevisionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<StageRecord> PutStageAsync(StageRecord stage, long? expectedVersion, CancellationToken cancellationToken)
    {
        DefinitionStoreRules.ValidateStage(stage, expectedVersion);
        await using var connection = await OpenAsync(cancellationToken);

        // BEGIN IMMEDIATE takes the file's write lock up front, so the version read below cannot be
        // overtaken by another process before this transaction writes.
        await using var transaction = BeginWrite(connection);

        if (!await DeploymentExistsAsync(connection, transaction, stage.ApiId, stage.DeploymentId, cancellationToken))
        {
            throw DefinitionStoreRules.MissingDeployment(stage.ApiId, stage.DeploymentId, forCanary: false);
        }

        if (stage.Canary is { } canary && !await DeploymentExistsAsync(connection, transaction, stage.ApiId, canary.DeploymentId, cancellationToken))
        {
            throw DefinitionStoreRules.MissingDeployment(stage.ApiId, canary.DeploymentId, forCanary: true);
        }

        long? current;
        await using (var read = Command(connection, transaction, "SELECT version FROM stages WHERE api_id = $api AND name = $name;"))
        {
            read.Parameters.AddWithValue("$api", stage.ApiId);
            read.Parameters.AddWithValue("$name", stage.Name);
            current = await read.ExecuteScalarAsync(cancellationToken) as long?;
        }

        if (expectedVersion is { } expected && expected != (current ?? 0))
        {
            throw DefinitionStoreRules.StageVersionMismatch(stage.ApiId, stage.Name, expected, current);
        }

        var stored = stage with { Version = (current ?? 0) + 1, UpdatedAt = _time.GetUtcNow().ToUniversalTime() };
        await using (var write = Command(connection, transaction, $"""
            INSERT INTO stages ({StageColumns})
            VALUES ($api, $name, $deployment, $description, $variables, $canaryDeployment, $canaryPercent, $canaryOverrides, $version, $updated, $methodThrottles)
            ON CONFLICT (api_id, name) DO UPDATE SET
                deployment_id = excluded.deployment_id,
                description = excluded.description,
                variables = excluded.variables,
                canary_deployment_id = excluded.canary_deployment_id,
                canary_percent = excluded.canary_percent,
                canary_overrides = excluded.canary_overrides,
                method_throttles = excluded.method_throttles,
                version = excluded.version,
                updated_at = excluded.updated_at;
            """))
        {
            write.Parameters.AddWithValue("$api", stored.ApiId);
            write.Parameters.AddWithValue("$name", stored.Name);
            write.Parameters.AddWithValue("$deployment", stored.DeploymentId);
            write.Parameters.AddWithValue("$description", (object?)stored.Description ?? DBNull.Value);
            write.Parameters.AddWithValue("$variables", DefinitionStoreRules.ToJson(stored.Variables));
            write.Parameters.AddWithValue("$canaryDeployment", (object?)stored.Canary?.DeploymentId ?? DBNull.Value);
            write.Parameters.AddWithValue("$canaryPercent", (object?)stored.Canary?.PercentTraffic ?? DBNull.Value);
            write.Parameters.AddWithValue("$canaryOverrides", stored.Canary is null ? DBNull.Value : DefinitionStoreRules.ToJson(stored.Canary.StageVariableOverrides));
            write.Parameters.AddWithValue("$version", stored.Version);
            write.Parameters.AddWithValue("$updated", FormatTime(stored.UpdatedAt));
            write.Parameters.AddWithValue("$methodThrottles", stored.MethodThrottles.Count == 0 ? DBNull.Value : DefinitionStoreRules.ToJson(stored.MethodThrottles));
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await BumpRevisionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<StageRecord?> GetStageAsync(string apiId, string stageName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiId);
        ArgumentNullException.ThrowIfNull(stageName);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT {StageColumns} FROM stages WHERE api_id = $api AND name = $name;");
        command.Parameters.AddWithValue("$api", apiId);
        command.Parameters.AddWithValue("$name", stageName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadStage(reader) : null;
    }

    public async Task<IReadOnlyList<StageRecord>> ListStagesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);

        // SQLite's default BINARY collation compares UTF-8 bytes: ordinal, like the PostgreSQL store.
        await using var command = Command(connection, null, $"SELECT {StageColumns} FROM stages ORDER BY api_id, name;");
        var result = new List<StageRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(ReadStage(reader));
        }

        return result;
    }

    public async Task<bool> DeleteStageAsync(string apiId, string stageName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiId);
        ArgumentNullException.ThrowIfNull(stageName);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = BeginWrite(connection);
        await using var delete = Command(connection, transaction, "DELETE FROM stages WHERE api_id = $api AND name = $name;");
        delete.Parameters.AddWithValue("$api", apiId);
        delete.Parameters.AddWithValue("$name", stageName);
        if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await BumpRevisionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task PutDomainAsync(DomainRecord domain, CancellationToken cancellationToken)
    {
        var name = DefinitionStoreRules.ValidateDomain(domain);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = BeginWrite(connection);
        await using var write = Command(connection, transaction, """
            INSERT INTO domains (domain_name, mappings) VALUES ($name, $mappings)
            ON CONFLICT (domain_name) DO UPDATE SET mappings = excluded.mappings;
            """);
        write.Parameters.AddWithValue("$name", name);
        write.Parameters.AddWithValue("$mappings", DefinitionStoreRules.ToJson(domain.Mappings));
        await write.ExecuteNonQueryAsync(cancellationToken);
        await BumpRevisionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DomainRecord>> ListDomainsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT domain_name, mappings FROM domains ORDER BY domain_name;");
        var result = new List<DomainRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new DomainRecord
            {
                DomainName = reader.GetString(0),
                Mappings = DefinitionStoreRules.MappingsFromJson(reader.GetString(1)),
            });
        }

        return result;
    }

    public async Task<bool> DeleteDomainAsync(string domainName, CancellationToken cancellationToken)
    {
        var name = DefinitionStoreRules.NormalizeDomainName(domainName);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = BeginWrite(connection);
        await using var delete = Command(connection, transaction, "DELETE FROM domains WHERE domain_name = $name;");
        delete.Parameters.AddWithValue("$name", name);
        if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await BumpRevisionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task PutUsagePlansAsync(UsagePlansRecord plans, CancellationToken cancellationToken)
    {
        var json = DefinitionStoreRules.ToJson(plans);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = BeginWrite(connection);
        await using (var read = Command(connection, transaction, "SELECT document FROM usage_plans WHERE id = 1;"))
        {
            if (await read.ExecuteScalarAsync(cancellationToken) is string current && current == json)
            {
                return;
            }
        }

        await using var write = Command(connection, transaction, """
            INSERT INTO usage_plans (id, document) VALUES (1, $document)
            ON CONFLICT (id) DO UPDATE SET document = excluded.document;
            """);
        write.Parameters.AddWithValue("$document", json);
        await write.ExecuteNonQueryAsync(cancellationToken);
        await BumpRevisionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<UsagePlansRecord> GetUsagePlansAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT document FROM usage_plans WHERE id = 1;");
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? DefinitionStoreRules.UsagePlansFromJson(json)
            : UsagePlansRecord.Empty;
    }

    public async Task AddUsageAsync(IReadOnlyList<UsageRecord> usage, CancellationToken cancellationToken)
    {
        DefinitionStoreRules.ValidateUsage(usage);
        if (usage.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = BeginWrite(connection);
        await using var write = Command(connection, transaction, """
            INSERT INTO usage (plan_name, key_name, day, count) VALUES ($plan, $key, $day, $count)
            ON CONFLICT (plan_name, key_name, day) DO UPDATE SET count = count + excluded.count;
            """);
        var plan = write.Parameters.Add("$plan", SqliteType.Text);
        var key = write.Parameters.Add("$key", SqliteType.Text);
        var day = write.Parameters.Add("$day", SqliteType.Text);
        var count = write.Parameters.Add("$count", SqliteType.Integer);
        foreach (var record in usage)
        {
            plan.Value = record.PlanName;
            key.Value = record.KeyName;
            day.Value = record.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            count.Value = record.Count;
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UsageRecord>> GetUsageAsync(string planName, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT key_name, day, count FROM usage
            WHERE plan_name = $plan AND day >= $from AND day <= $to
            ORDER BY key_name, day;
            """);
        command.Parameters.AddWithValue("$plan", planName);
        command.Parameters.AddWithValue("$from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var result = new List<UsageRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new UsageRecord(planName, reader.GetString(0), DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetInt64(2)));
        }

        return result;
    }

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file (and its -wal/-shm) open; release them so the file can
        // be moved or deleted once the store is gone.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // Per connection, not per file: wait for another process's write lock instead of failing.
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

    /// <summary>BEGIN IMMEDIATE: a deferred transaction that later upgrades to a writer can fail with SQLITE_BUSY regardless of the timeout.</summary>
    private static SqliteTransaction BeginWrite(SqliteConnection connection) =>
        connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Bumped inside the writing transaction, so the revision moves if and only if the write commits.</summary>
    private static async Task<long> BumpRevisionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "UPDATE revision SET value = value + 1 WHERE id = 1 RETURNING value;");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<bool> DeploymentExistsAsync(SqliteConnection connection, SqliteTransaction transaction, string apiId, string deploymentId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT 1 FROM deployments WHERE api_id = $api AND id = $id;");
        command.Parameters.AddWithValue("$api", apiId);
        command.Parameters.AddWithValue("$id", deploymentId);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static DeploymentRecord ReadDeployment(SqliteDataReader reader) => DefinitionStoreRules.ReadDeployment(reader, static (r, i) => ParseTime(r.GetString(i)));

    private static StageRecord ReadStage(SqliteDataReader reader) => DefinitionStoreRules.ReadStage(reader, static (r, i) => ParseTime(r.GetString(i)));

    private static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string value) =>
        new(DateTime.SpecifyKind(DateTime.ParseExact(value, TimestampFormat, CultureInfo.InvariantCulture), DateTimeKind.Utc));
}
