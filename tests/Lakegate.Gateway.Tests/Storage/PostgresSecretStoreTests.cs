using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Postgres;

namespace Lakegate.Gateway.Tests.Storage;

public sealed class PostgresSecretStoreTests(PostgresStoreFixture fixture) : SecretStoreConformanceTests, IClassFixture<PostgresStoreFixture>
{
    protected override ISecretStore CreateStore() => new PostgresSecretStore(fixture.ConnectionString);

    [Fact]
    public async Task For_PostgresDefinitionStore_UsesTheSameDatabase()
    {
        await using var definitions = new PostgresDefinitionStore(fixture.ConnectionString);
        await using var secrets = SecretStoreFactory.For(definitions);
        await secrets.InitializeAsync(Ct);
        var name = "via-factory-" + Guid.NewGuid().ToString("N");

        await secrets.PutSecretVersionAsync(new SecretVersionWrite { Name = name, VersionId = "v1", Ciphertext = [1], CreatedAt = DateTimeOffset.UnixEpoch }, Ct);

        Assert.NotNull(await Store.DescribeSecretAsync(name, Ct));
    }
}
