using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Lakegate.Gateway.Tests.Storage;

public sealed class SqliteDefinitionStoreTests(SqliteStoreFixture fixture)
    : DefinitionStoreConformanceTests, IClassFixture<SqliteStoreFixture>
{
    protected override Task<IDefinitionStore> CreateSharedStoreAsync(TimeProvider time) =>
        Task.FromResult<IDefinitionStore>(new SqliteDefinitionStore(fixture.FilePath, time));

    protected override Task<Func<TimeProvider, IDefinitionStore>> CreateFreshStorageAsync()
    {
        var path = fixture.NewFilePath();
        return Task.FromResult<Func<TimeProvider, IDefinitionStore>>(time => new SqliteDefinitionStore(path, time));
    }

    [Fact]
    public async Task InitializeAsync_MissingDirectory_CreatesItInWalMode()
    {
        Assert.True(File.Exists(fixture.FilePath));
        await using var stream = new FileStream(fixture.FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var header = new byte[20];
        await stream.ReadExactlyAsync(header, Ct);

        // Bytes 18 and 19 of the header are the read/write format versions: 2 means WAL.
        Assert.Equal(2, header[18]);
        Assert.Equal(2, header[19]);
    }

    [Fact]
    public async Task InitializeAsync_SchemaNewerThanThisBuild_RefusesToRun()
    {
        var path = fixture.NewFilePath();
        await using (var store = new SqliteDefinitionStore(path))
        {
            await store.InitializeAsync(Ct);
        }

        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync(Ct);
            await using var bump = connection.CreateCommand();
            bump.CommandText = "UPDATE schema_version SET version = version + 100;";
            await bump.ExecuteNonQueryAsync(Ct);
        }

        await using var newer = new SqliteDefinitionStore(path);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.InitializeAsync(Ct));
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }
}
