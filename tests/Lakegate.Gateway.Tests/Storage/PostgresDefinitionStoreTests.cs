using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Postgres;

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
}
