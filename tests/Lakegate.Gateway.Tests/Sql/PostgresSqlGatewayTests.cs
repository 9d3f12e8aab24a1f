using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Secrets;
using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Tests.Infrastructure;
using Lakegate.Gateway.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Lakegate.Gateway.Tests.Sql;

/// <summary>
/// sql routes over a fresh PostgreSQL database (LAKEGATE_TEST_POSTGRES), through a real gateway:
/// typed parameters, the timeout cancelling pg_sleep in the server, and a connection string whose
/// user, password and database come from the secret store.
/// </summary>
public sealed class PostgresSqlGatewayTests(PostgresStoreFixture postgres) : IClassFixture<PostgresStoreFixture>, IAsyncLifetime
{
    private static readonly MasterKey Key = MasterKey.Parse(MasterKey.Generate(), "test");
    private TestGateway _gateway = null!;
    private string _database = string.Empty;

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(_database))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                CREATE TABLE orders (id integer PRIMARY KEY, customer text NOT NULL, total numeric(10,2), placed date, at timestamptz);
                INSERT INTO orders SELECT i, 'c' || (i % 4), i * 2.5, DATE '2026-01-01' + i, TIMESTAMPTZ '2026-01-01 00:00:00Z' + i * INTERVAL '1 hour'
                FROM generate_series(1, 40) i;
                """, connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(_database);
        var yaml = $$$"""
            version: 1
            sql:
              connections:
                pg:
                  provider: postgres
                  connectionString: "Host={{{builder.Host}}};Port={{{builder.Port}}};Username={{secret:pgcreds:username}};Password={{secret:pgcreds:password}};Database={{secret:pgcreds:database}}"
                  statementTimeoutSeconds: 2
                  maxPoolSize: 4
                patient:
                  provider: postgres
                  connectionString: "Host={{{builder.Host}}};Port={{{builder.Port}}};Username={{{builder.Username}}};Database={{{builder.Database}}}"
                  statementTimeoutSeconds: 120
                down:
                  provider: postgres
                  connectionString: "Host=127.0.0.1;Port=1;Username=postgres;Password=hunter2;Database=postgres;Timeout=3"
              queries:
                since:
                  connection: pg
                  sql: SELECT id, customer, total, placed, at FROM orders WHERE customer = @customer AND placed >= @since AND total > @min ORDER BY id
                  parameters:
                    customer: { from: path, required: true }
                    since: { from: query, type: date, required: true }
                    min: { from: query, type: number, default: "0" }
                after:
                  connection: pg
                  sql: SELECT count(*) AS n FROM orders WHERE at > @at
                  parameters:
                    at: { from: query, type: timestamp, required: true }
                sleepy:
                  connection: pg
                  sql: SELECT 1 AS done FROM pg_sleep(@seconds)
                  parameters:
                    seconds: { from: query, type: number, required: true }
                sleepy_patient:
                  connection: patient
                  sql: SELECT 1 AS done FROM pg_sleep(@seconds)
                  parameters:
                    seconds: { from: query, type: number, required: true }
                broken:
                  connection: down
                  sql: SELECT 1 AS one
            apis:
              - id: pg
                routes:
                  - route: GET /customers/{customer}/orders
                    integration: { type: sql, query: since }
                  - route: GET /after
                    integration: { type: sql, query: after }
                  - route: GET /sleep
                    integration: { type: sql, query: sleepy }
                  - route: GET /sleep-patient
                    integration: { type: sql, query: sleepy_patient }
                  - route: GET /broken
                    integration: { type: sql, query: broken }
                stages:
                  - name: v1
            """;
        var config = SqliteSqlGatewayTests.Load(yaml);
        _gateway = await TestGateway.StartAsync(configure: o =>
        {
            o.Sql = config.Sql;
            o.MasterKey = Key;
        });
        var vault = _gateway.Services.GetRequiredService<SecretVault>();
        await vault.PutAsync("pgcreds", JsonSerializer.Serialize(new { username = builder.Username, password = "not-used-by-trust-auth", database = builder.Database }), null, CancellationToken.None);
        await _gateway.Services.GetRequiredService<DeploymentService>().DeployAsync(config, new DeployRequest(), CancellationToken.None);
        await _gateway.WaitForStoreAsync();
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    /// <summary>The secret store is read by a poller: the first requests may still see the store without the secret.</summary>
    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await _gateway.Client.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task TypedParameters_FromPathAndQuery_OverASecretReferencedConnection()
    {
        using var response = await GetAsync("/pg/v1/customers/c1/orders?since=2026-01-20&min=30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        // customer c1: ids 1, 5, 9, ...; placed >= 2026-01-20 means id >= 19; total > 30 means id > 12.
        Assert.Equal([21, 25, 29, 33, 37], rows.EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
        var first = rows[0];
        Assert.Equal(52.5m, first.GetProperty("total").GetDecimal());
        Assert.Equal("2026-01-22", first.GetProperty("placed").GetString());
        Assert.Equal("2026-01-01T21:00:00Z", first.GetProperty("at").GetString());
    }

    [Fact]
    public async Task Timestamp_WithOffset_IsBoundAsAnInstant()
    {
        using var response = await GetAsync("/pg/v1/after?at=" + Uri.EscapeDataString("2026-01-02T12:00:00+02:00"));

        // 10:00Z on Jan 2 = hour 34; hours 35..40 are later.
        Assert.Equal("""[{"n":6}]""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BadTypes_And_Injection()
    {
        using var badDate = await GetAsync("/pg/v1/customers/c1/orders?since=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("LGS101", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var injection = await GetAsync("/pg/v1/customers/" + Uri.EscapeDataString("c1' OR 1=1 --") + "/orders?since=2026-01-01");
        Assert.Equal(HttpStatusCode.OK, injection.StatusCode);
        Assert.Equal("[]", await injection.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LongStatement_IsCancelledInTheServerAtTheTimeout()
    {
        var watch = Stopwatch.StartNew();
        using var response = await GetAsync("/pg/v1/sleep?seconds=30");
        watch.Stop();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("LGS111", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(25), $"answered after {watch.Elapsed}");

        // The server is not still sleeping for us: no backend runs pg_sleep any more.
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        long sleeping;
        do
        {
            await using var command = new NpgsqlCommand(SleepingSql, connection);
            sleeping = (long)(await command.ExecuteScalarAsync())!;
        }
        while (sleeping > 0 && DateTime.UtcNow < deadline);
        Assert.Equal(0, sleeping);

        using var quick = await GetAsync("/pg/v1/sleep?seconds=0");
        Assert.Equal("""[{"done":1}]""", await quick.Content.ReadAsStringAsync());
    }

    private const string SleepingSql = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT 1 AS done FROM pg_sleep%' AND state = 'active'";

    [Fact]
    public async Task ClientThatGoesAway_HasItsStatementCancelledInTheServer()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        async Task<long> SleepingAsync()
        {
            await using var command = new NpgsqlCommand(SleepingSql, connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        using var gone = new CancellationTokenSource();
        var request = _gateway.Client.GetAsync("/pg/v1/sleep-patient?seconds=100", gone.Token);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await SleepingAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, await SleepingAsync());
        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        // The 120 s statement timeout is far off: only the caller's disconnect can have ended it.
        deadline = DateTime.UtcNow.AddSeconds(15);
        while (await SleepingAsync() > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, await SleepingAsync());
    }

    [Fact]
    public async Task DatabaseDown_Is503_WithoutTheConnectionString()
    {
        using var response = await _gateway.Client.GetAsync("/pg/v1/broken");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("LGS113", body, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Port=1", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownSecret_InAConnectionString_RefusesTheDeployAtItsPosition()
    {
        var config = SqliteSqlGatewayTests.Load("""
            version: 1
            sql:
              connections:
                pg:
                  provider: postgres
                  connectionString: "Host=127.0.0.1;Password={{secret:nope:password}}"
            apis:
              - id: other
                routes:
                  - route: GET /x
                    integration: { type: mock }
            """);

        var error = await Assert.ThrowsAsync<StoreConflictException>(() =>
            _gateway.Services.GetRequiredService<DeploymentService>().DeployAsync(config, new DeployRequest(), CancellationToken.None));

        Assert.StartsWith("lakegate.yaml:6:", error.Message, StringComparison.Ordinal);
        Assert.Contains("{{secret:nope:password}}", error.Message, StringComparison.Ordinal);
    }
}
