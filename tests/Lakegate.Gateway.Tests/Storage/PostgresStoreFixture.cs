using Npgsql;

namespace Lakegate.Gateway.Tests.Storage;

/// <summary>
/// A fresh database per test class on the server named by LAKEGATE_TEST_POSTGRES, dropped at the
/// end. Without the variable every test fails: a PostgreSQL store that is never tested must not
/// look green.
/// </summary>
public sealed class PostgresStoreFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "LAKEGATE_TEST_POSTGRES";

    private readonly List<string> _databases = [];
    private string? _adminConnectionString;

    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(_adminConnectionString))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set, so the PostgreSQL store cannot be tested. Run ./scripts/test, which starts PostgreSQL, " +
                $"or: D=$(mktemp -d); eval \"export $(scripts/services/postgres.sh start $D)\"; dotnet test; scripts/services/postgres.sh stop $D");
        }

        ConnectionString = await CreateDatabaseAsync();
    }

    /// <summary>Creates another empty database (dropped with the fixture) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "lakegate_test_" + Guid.NewGuid().ToString("N");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync(timeout.Token);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(timeout.Token);
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_adminConnectionString is null || _databases.Count == 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync(timeout.Token);
        foreach (var name in _databases)
        {
            // FORCE ends sessions a store under test may have left in its pool.
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(timeout.Token);
        }
    }
}
