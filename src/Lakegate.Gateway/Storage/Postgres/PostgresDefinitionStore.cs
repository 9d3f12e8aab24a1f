using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Lakegate.Gateway.Storage.Postgres;

/// <summary>
/// <see cref="IDefinitionStore"/> over PostgreSQL, shared by every node of a cluster. Every write
/// transaction starts by bumping the single-row revision counter: that row lock orders all writes,
/// so revisions are handed out in commit order and a poller that sees revision n has seen every
/// write up to n.
/// </summary>
public sealed class PostgresDefinitionStore : IDefinitionStore
{
    // Any fixed number works; it only has to be the same on every node. ("lakegate" in ASCII.)
    private const long SchemaLockKey = 0x6c616b6567617465;

    private const string UniqueViolation = "23505";
    private const string ForeignKeyViolation = "23503";

    /// <summary>Migration n (1-based) takes the schema from version n-1 to n. Append, never edit.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS revision (
            id integer PRIMARY KEY CHECK (id = 1),
            value bigint NOT NULL
        );
        INSERT INTO revision (id, value) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

        -- definition_json is text, not jsonb: ContentHash is computed over its exact bytes.
        CREATE TABLE IF NOT EXISTS deployments (
            api_id text NOT NULL,
            id text NOT NULL,
            description text NULL,
            created_at timestamptz NOT NULL,
            definition_json text NOT NULL,
            content_hash text NOT NULL,
            created_revision bigint NOT NULL,
            PRIMARY KEY (api_id, id)
        );
        CREATE INDEX IF NOT EXISTS deployments_newest_first ON deployments (api_id, created_at DESC, created_revision DESC);

        CREATE TABLE IF NOT EXISTS stages (
            api_id text NOT NULL,
            name text NOT NULL,
            deployment_id text NOT NULL,
            description text NULL,
            variables jsonb NOT NULL,
            canary_deployment_id text NULL,
            canary_percent double precision NULL,
            canary_overrides jsonb NULL,
            version bigint NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (api_id, name),
            FOREIGN KEY (api_id, deployment_id) REFERENCES deployments (api_id, id),
            FOREIGN KEY (api_id, canary_deployment_id) REFERENCES deployments (api_id, id)
        );
        CREATE INDEX IF NOT EXISTS stages_deployment ON stages (api_id, deployment_id);
        CREATE INDEX IF NOT EXISTS stages_canary_deployment ON stages (api_id, canary_deployment_id);

        CREATE TABLE IF NOT EXISTS domains (
            domain_name text PRIMARY KEY,
            mappings jsonb NOT NULL
        );
        """,
        """
        CREATE TABLE IF NOT EXISTS usage_plans (
            id integer PRIMARY KEY CHECK (id = 1),
            document jsonb NOT NULL
        );

        CREATE TABLE IF NOT EXISTS usage (
            plan_name text NOT NULL,
            key_name text NOT NULL,
            day date NOT NULL,
            count bigint NOT NULL,
            PRIMARY KEY (plan_name, key_name, day)
        );
        """,
        """
        ALTER TABLE stages ADD COLUMN IF NOT EXISTS method_throttles jsonb NULL;
        """,
    ];

    private const string StageColumns =
        "api_id, name, deployment_id, description, variables::text, canary_deployment_id, canary_percent, canary_overrides::text, version, updated_at, method_throttles::text";

    private const string InsertColumns =
        "api_id, name, deployment_id, description, variables, canary_deployment_id, canary_percent, canary_overrides, method_throttles, version, updated_at";

    private const string InsertValues =
        "@api, @name, @deployment, @description, @variables, @canaryDeployment, @canaryPercent, @canaryOverrides, @methodThrottles";

    private const string UpdateAssignments =
        "deployment_id = excluded.deployment_id, description = excluded.description, variables = excluded.variables, " +
        "canary_deployment_id = excluded.canary_deployment_id, canary_percent = excluded.canary_percent, canary_overrides = excluded.canary_overrides, " +
        "method_throttles = excluded.method_throttles";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;

    public PostgresDefinitionStore(string connectionString, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ConnectionString = connectionString;
        try
        {
            _dataSource = NpgsqlDataSource.Create(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Npgsql's message can quote part of the string, password included; keep it out of logs.
            throw new ArgumentException("The PostgreSQL connection string is not valid (expected Host=...;Port=...;Username=...;Password=...;Database=...).", nameof(connectionString));
        }

        _time = time ?? TimeProvider.System;
    }

    /// <summary>For stores that share this database (secrets); never printed.</summary>
    internal string ConnectionString { get; }

    /// <summary>The database this store points at, for diagnostics; never includes the password.</summary>
    public string DatabaseDescription
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString);
            return string.Create(CultureInfo.InvariantCulture, $"postgres {builder.Host}:{builder.Port}/{builder.Database}");
        }
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Nodes starting together would race on the catalog (CREATE ... IF NOT EXISTS is not safe
        // against a concurrent CREATE); the transaction-scoped lock lets one migrate at a time and
        // is released by commit or rollback, even if this process dies.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key);", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", SchemaLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_version (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL);", cancellationToken);

        int current;
        await using (var read = new NpgsqlCommand("SELECT version FROM schema_version WHERE id = 1;", connection, transaction))
        {
            current = await read.ExecuteScalarAsync(cancellationToken) is int v ? v : 0;
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

        await using (var write = new NpgsqlCommand(
            "INSERT INTO schema_version (id, version) VALUES (1, @version) ON CONFLICT (id) DO UPDATE SET version = excluded.version;",
            connection, transaction))
        {
            write.Parameters.AddWithValue("version", Migrations.Length);
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> GetRevisionAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT value FROM revision WHERE id = 1;");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task CreateDeploymentAsync(DeploymentRecord deployment, CancellationToken cancellationToken)
    {
        DefinitionStoreRules.ValidateDeployment(deployment);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var revision = await BumpRevisionAsync(connection, transaction, cancellationToken);

        await using var insert = new NpgsqlCommand("""
            INSERT INTO deployments (api_id, id, description, created_at, definition_json, content_hash, created_revision)
            VALUES (@api, @id, @description, @created, @json, @hash, @revision)
            ON CONFLICT (api_id, id) DO NOTHING;
            """, connection, transaction);
        insert.Parameters.AddWithValue("api", deployment.ApiId);
        insert.Parameters.AddWithValue("id", deployment.Id);
        insert.Parameters.Add(new NpgsqlParameter<string?>("description", NpgsqlDbType.Text) { TypedValue = deployment.Description });
        insert.Parameters.AddWithValue("created", NpgsqlDbType.TimestampTz, deployment.CreatedAt.UtcDateTime);
        insert.Parameters.AddWithValue("json", deployment.DefinitionJson);
        insert.Parameters.AddWithValue("hash", deployment.ContentHash);
        insert.Parameters.AddWithValue("revision", revision);
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
        await using var command = _dataSource.CreateCommand("""
            SELECT api_id, id, description, created_at, definition_json, content_hash
            FROM deployments WHERE api_id = @api AND id = @id;
            """);
        command.Parameters.AddWithValue("api", apiId);
        command.Parameters.AddWithValue("id", deploymentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDeployment(reader) : null;
    }

    public async Task<IReadOnlyList<DeploymentRecord>> ListDeploymentsAsync(string apiId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiId);

        // Equal CreatedAt values are ordered by the revision that stored them: the later write first.
        await using var command = _dataSource.CreateCommand("""
            SELECT api_id, id, description, created_at, definition_json, content_hash
            FROM deployments WHERE api_id = @api
            ORDER BY created_at DESC, created_revision DESC;
            """);
        command.Parameters.AddWithValue("api", apiId);
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
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Taking the revision lock first means no stage write can slip in between the check and the delete.
        await BumpRevisionAsync(connection, transaction, cancellationToken);

        await using (var users = new NpgsqlCommand("""
            SELECT name, deployment_id <> @id FROM stages
            WHERE api_id = @api AND (deployment_id = @id OR canary_deployment_id = @id)
            ORDER BY name COLLATE "C" LIMIT 1;
            """, connection, transaction))
        {
            users.Parameters.AddWithValue("api", apiId);
            users.Parameters.AddWithValue("id", deploymentId);
            await using var reader = await users.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                throw DefinitionStoreRules.DeploymentInUse(apiId, deploymentId, reader.GetString(0), reader.GetBoolean(1));
            }
        }

        await using var delete = new NpgsqlCommand("DELETE FROM deployments WHERE api_id = @api AND id = @id;", connection, transaction);
        delete.Parameters.AddWithValue("api", apiId);
        delete.Parameters.AddWithValue("id", deploymentId);
        int deleted;
        try
        {
            deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == ForeignKeyViolation)
        {
            // Only reachable if something outside this store wrote a stage; the foreign key is the backstop.
            throw new StoreConflictException(string.Create(CultureInfo.InvariantCulture,
                $"Deployment '{deploymentId}' of API '{apiId}' is still served by a stage."), e);
        }

        if (deleted == 0)
        {
            // Nothing changed: roll back so the revision does not move.
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<StageRecord> PutStageAsync(StageRecord stage, long? expectedVersion, CancellationToken cancellationToken)
    {
        DefinitionStoreRules.ValidateStage(stage, expectedVersion);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BumpRevisionAsync(connection, transaction, cancellationToken);

        if (!await DeploymentExistsAsync(connection, transaction, stage.ApiId, stage.DeploymentId, cancellationToken))
        {
            throw DefinitionStoreRules.MissingDeployment(stage.ApiId, stage.DeploymentId, forCanary: false);
        }

        if (stage.Canary is { } canary && !await DeploymentExistsAsync(connection, transaction, stage.ApiId, canary.DeploymentId, cancellationToken))
        {
            throw DefinitionStoreRules.MissingDeployment(stage.ApiId, canary.DeploymentId, forCanary: true);
        }

        // timestamptz keeps microseconds; truncate here so the returned record equals what a read returns.
        var now = _time.GetUtcNow().ToUniversalTime();
        now = now.AddTicks(-(now.Ticks % 10));

        // The version condition lives in the statement itself (and the row count is checked), so it
        // holds even without the revision lock taken above.
        var sql = expectedVersion switch
        {
            null => $"""
                INSERT INTO stages ({InsertColumns}) VALUES ({InsertValues}, 1, @updated)
                ON CONFLICT (api_id, name) DO UPDATE SET {UpdateAssignments}, version = stages.version + 1, updated_at = excluded.updated_at
                RETURNING version;
                """,
            0 => $"""
                INSERT INTO stages ({InsertColumns}) VALUES ({InsertValues}, 1, @updated)
                ON CONFLICT (api_id, name) DO NOTHING
                RETURNING version;
                """,
            _ => $"""
                UPDATE stages SET deployment_id = @deployment, description = @description, variables = @variables,
                    canary_deployment_id = @canaryDeployment, canary_percent = @canaryPercent, canary_overrides = @canaryOverrides,
                    method_throttles = @methodThrottles, version = version + 1, updated_at = @updated
                WHERE api_id = @api AND name = @name AND version = @expected
                RETURNING version;
                """,
        };

        long? version;
        await using (var write = new NpgsqlCommand(sql, connection, transaction))
        {
            write.Parameters.AddWithValue("api", stage.ApiId);
            write.Parameters.AddWithValue("name", stage.Name);
            write.Parameters.AddWithValue("deployment", stage.DeploymentId);
            write.Parameters.Add(new NpgsqlParameter<string?>("description", NpgsqlDbType.Text) { TypedValue = stage.Description });
            write.Parameters.AddWithValue("variables", NpgsqlDbType.Jsonb, DefinitionStoreRules.ToJson(stage.Variables));
            write.Parameters.Add(new NpgsqlParameter<string?>("canaryDeployment", NpgsqlDbType.Text) { TypedValue = stage.Canary?.DeploymentId });
            write.Parameters.Add(new NpgsqlParameter<double?>("canaryPercent", NpgsqlDbType.Double) { TypedValue = stage.Canary?.PercentTraffic });
            write.Parameters.Add(new NpgsqlParameter<string?>("canaryOverrides", NpgsqlDbType.Jsonb)
            {
                TypedValue = stage.Canary is null ? null : DefinitionStoreRules.ToJson(stage.Canary.StageVariableOverrides),
            });
            write.Parameters.AddWithValue("updated", NpgsqlDbType.TimestampTz, now.UtcDateTime);
            write.Parameters.Add(new NpgsqlParameter<string?>("methodThrottles", NpgsqlDbType.Jsonb)
            {
                TypedValue = stage.MethodThrottles.Count == 0 ? null : DefinitionStoreRules.ToJson(stage.MethodThrottles),
            });
            if (expectedVersion is > 0)
            {
                write.Parameters.AddWithValue("expected", expectedVersion.Value);
            }

            try
            {
                version = await write.ExecuteScalarAsync(cancellationToken) as long?;
            }
            catch (PostgresException e) when (e.SqlState is ForeignKeyViolation or UniqueViolation)
            {
                // Backstops for writers that bypass this store; the checks above give the precise message.
                throw new StoreConflictException(string.Create(CultureInfo.InvariantCulture,
                    $"Stage '{stage.Name}' of API '{stage.ApiId}' conflicts with a concurrent change; reload and retry."), e);
            }
        }

        if (version is null)
        {
            var current = await CurrentStageVersionAsync(connection, transaction, stage.ApiId, stage.Name, cancellationToken);
            throw DefinitionStoreRules.StageVersionMismatch(stage.ApiId, stage.Name, expectedVersion ?? 0, current);
        }

        await transaction.CommitAsync(cancellationToken);
        return stage with { Version = version.Value, UpdatedAt = now };
    }

    public async Task<StageRecord?> GetStageAsync(string apiId, string stageName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiId);
        ArgumentNullException.ThrowIfNull(stageName);
        await using var command = _dataSource.CreateCommand($"SELECT {StageColumns} FROM stages WHERE api_id = @api AND name = @name;");
        command.Parameters.AddWithValue("api", apiId);
        command.Parameters.AddWithValue("name", stageName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadStage(reader) : null;
    }

    public async Task<IReadOnlyList<StageRecord>> ListStagesAsync(CancellationToken cancellationToken)
    {
        // COLLATE "C" makes the order ordinal whatever locale the database was created with,
        // matching the SQLite store.
        await using var command = _dataSource.CreateCommand($"""SELECT {StageColumns} FROM stages ORDER BY api_id COLLATE "C", name COLLATE "C";""");
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
        return await DeleteOneAsync("DELETE FROM stages WHERE api_id = @api AND name = @name;", [("api", apiId), ("name", stageName)], cancellationToken);
    }

    public async Task PutDomainAsync(DomainRecord domain, CancellationToken cancellationToken)
    {
        var name = DefinitionStoreRules.ValidateDomain(domain);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BumpRevisionAsync(connection, transaction, cancellationToken);
        await using var write = new NpgsqlCommand("""
            INSERT INTO domains (domain_name, mappings) VALUES (@name, @mappings)
            ON CONFLICT (domain_name) DO UPDATE SET mappings = excluded.mappings;
            """, connection, transaction);
        write.Parameters.AddWithValue("name", name);
        write.Parameters.AddWithValue("mappings", NpgsqlDbType.Jsonb, DefinitionStoreRules.ToJson(domain.Mappings));
        await write.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DomainRecord>> ListDomainsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""SELECT domain_name, mappings::text FROM domains ORDER BY domain_name COLLATE "C";""");
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
        return await DeleteOneAsync("DELETE FROM domains WHERE domain_name = @name;", [("name", name)], cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Runs a keyed delete; the revision moves only when a row went away.</summary>
    private async Task<bool> DeleteOneAsync(string sql, (string Name, string Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BumpRevisionAsync(connection, transaction, cancellationToken);
        await using var delete = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (parameterName, value) in parameters)
        {
            delete.Parameters.AddWithValue(parameterName, value);
        }

        if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task PutUsagePlansAsync(UsagePlansRecord plans, CancellationToken cancellationToken)
    {
        var json = DefinitionStoreRules.ToJson(plans);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BumpRevisionAsync(connection, transaction, cancellationToken);

        // jsonb normalises the text, so compare as jsonb: equal documents leave the revision alone.
        await using var write = new NpgsqlCommand("""
            INSERT INTO usage_plans (id, document) VALUES (1, @document)
            ON CONFLICT (id) DO UPDATE SET document = excluded.document
            WHERE usage_plans.document IS DISTINCT FROM excluded.document;
            """, connection, transaction);
        write.Parameters.AddWithValue("document", NpgsqlDbType.Jsonb, json);
        if (await write.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return;
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<UsagePlansRecord> GetUsagePlansAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT document::text FROM usage_plans WHERE id = 1;");
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

        // One statement over arrays: atomic, and one round trip however many keys a flush carries.
        await using var write = _dataSource.CreateCommand("""
            INSERT INTO usage (plan_name, key_name, day, count)
            SELECT * FROM unnest(@plans::text[], @keys::text[], @days::date[], @counts::bigint[])
            ON CONFLICT (plan_name, key_name, day) DO UPDATE SET count = usage.count + excluded.count;
            """);
        write.Parameters.AddWithValue("plans", usage.Select(u => u.PlanName).ToArray());
        write.Parameters.AddWithValue("keys", usage.Select(u => u.KeyName).ToArray());
        write.Parameters.AddWithValue("days", usage.Select(u => u.Day).ToArray());
        write.Parameters.AddWithValue("counts", usage.Select(u => u.Count).ToArray());
        await write.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UsageRecord>> GetUsageAsync(string planName, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT key_name, day, count FROM usage
            WHERE plan_name = @plan AND day BETWEEN @from AND @to
            ORDER BY key_name COLLATE "C", day;
            """);
        command.Parameters.AddWithValue("plan", planName);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        var result = new List<UsageRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new UsageRecord(planName, reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt64(2)));
        }

        return result;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// First statement of every write: the row lock it takes serialises writers until commit, and the
    /// new value is only visible if the write commits.
    /// </summary>
    private static async Task<long> BumpRevisionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("UPDATE revision SET value = value + 1 WHERE id = 1 RETURNING value;", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<bool> DeploymentExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string apiId, string deploymentId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM deployments WHERE api_id = @api AND id = @id;", connection, transaction);
        command.Parameters.AddWithValue("api", apiId);
        command.Parameters.AddWithValue("id", deploymentId);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task<long?> CurrentStageVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string apiId, string stageName, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM stages WHERE api_id = @api AND name = @name;", connection, transaction);
        command.Parameters.AddWithValue("api", apiId);
        command.Parameters.AddWithValue("name", stageName);
        return await command.ExecuteScalarAsync(cancellationToken) as long?;
    }

    private static DeploymentRecord ReadDeployment(NpgsqlDataReader reader) => DefinitionStoreRules.ReadDeployment(reader, static (r, i) => ReadTime((NpgsqlDataReader)r, i));

    private static StageRecord ReadStage(NpgsqlDataReader reader) => DefinitionStoreRules.ReadStage(reader, static (r, i) => ReadTime((NpgsqlDataReader)r, i));

    private static DateTimeOffset ReadTime(NpgsqlDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));
}
