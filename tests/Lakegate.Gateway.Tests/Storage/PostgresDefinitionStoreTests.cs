using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Postgres;
using Npgsql;

namespace Lakegate.Gateway.Tests.Storage;

public sealed class PostgresDefinitionStoreTests(PostgresStoreFixture fixture)
    : DefinitionStoreConformanceTests, IClassFixture<PostgresStoreFixture>
{
    protected override Task<IDefinitionStore> CreateSharedStoreAsync(TimeProvider time) =>
        Task.FromResult<IDefinitionStore>(new PostgresDefinitionStore(fixture.ConnectionString, time));

    protected override async Task<Func<TimeProvider, IDefinitionStore>> CreateFreshStorageAsync()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        return time => new PostgresDefinitionStore(connectionString, time);
    }

    [Fact]
    public async Task InitializeAsync_SchemaNewerThanThisBuild_RefusesToRun()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        await using (var store = new PostgresDefinitionStore(connectionString))
        {
            await store.InitializeAsync(Ct);
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(Ct);
            await using var bump = new NpgsqlCommand("UPDATE schema_version SET version = version + 100;", connection);
            await bump.ExecuteNonQueryAsync(Ct);
        }

        await using var newer = new PostgresDefinitionStore(connectionString);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.InitializeAsync(Ct));
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidConnectionString_ThrowsWithoutEchoingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new PostgresDefinitionStore("Host=db;Passwort=hunter2-secret"));

        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }
}
