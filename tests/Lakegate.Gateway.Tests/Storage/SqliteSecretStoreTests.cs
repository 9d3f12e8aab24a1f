using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Sqlite;

namespace Lakegate.Gateway.Tests.Storage;

public sealed class SqliteSecretStoreTests(SqliteStoreFixture fixture) : SecretStoreConformanceTests, IClassFixture<SqliteStoreFixture>
{
    protected override ISecretStore CreateStore() => new SqliteSecretStore(fixture.FilePath);

    [Fact]
    public async Task SameFile_AsTheDefinitionStore_BothWorkIndependently()
    {
        await using var definitions = new SqliteDefinitionStore(fixture.FilePath);
        await definitions.InitializeAsync(Ct);
        var definitionRevision = await definitions.GetRevisionAsync(Ct);

        await Store.PutSecretVersionAsync(new SecretVersionWrite { Name = "shared-file", VersionId = Guid.NewGuid().ToString("N"), Ciphertext = [1], CreatedAt = DateTimeOffset.UnixEpoch }, Ct);

        Assert.Equal(definitionRevision, await definitions.GetRevisionAsync(Ct));
        Assert.IsType<SqliteSecretStore>(SecretStoreFactory.For(definitions));
    }
}
