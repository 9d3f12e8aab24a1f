using System.Net;
using DuckDB.NET.Data;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lakegate.Gateway.Tests.Datasets;

/// <summary>What a dataset's DuckDB may touch, and how a dataset follows its files.</summary>
[Collection(DatasetCollection.Name)]
public sealed class DatasetSourceTests(DatasetGatewayFixture fixture)
{
    [Fact]
    public async Task Database_ReadsOnlyTheDatasetsFiles_AndIsLocked()
    {
        var definition = new DatasetDefinition { Name = "locked", Source = fixture.Items, ResolvedSource = fixture.Items, Format = DatasetFormat.Parquet };
        await using var source = await DatasetSource.OpenAsync(definition, DatasetFilesFactory.Create(definition, NullLogger.Instance), NullLogger.Instance, TimeProvider.System, CancellationToken.None);
        using var lease = source.Rent();

        Assert.Equal(2000L, Scalar(lease.Connection, $"SELECT count(*) FROM read_parquet('{fixture.Items}')"));
        foreach (var sql in new[]
        {
            "SELECT * FROM read_csv('/etc/passwd')",
            "SELECT * FROM glob('/*')",
            $"SELECT * FROM read_parquet('{fixture.Items}/../../../etc/passwd')",
            "ATTACH '/tmp/lakegate-attack.db'",
            "COPY (SELECT 1) TO '/tmp/lakegate-attack.csv'",
            "INSTALL httpfs",
        })
        {
            var ex = Assert.ThrowsAny<DuckDBException>(() => Scalar(lease.Connection, sql));
            Assert.Contains("Permission Error", ex.Message, StringComparison.Ordinal);
        }

        foreach (var sql in new[] { "SET enable_external_access = true", "SET allowed_directories = ['/']", "RESET lock_configuration", "SET memory_limit = '100GB'" })
        {
            var ex = Assert.ThrowsAny<DuckDBException>(() => Scalar(lease.Connection, sql));
            Assert.Contains("locked", ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal("UTC", Scalar(lease.Connection, "SELECT current_setting('TimeZone')"));
        Assert.Equal(2000L, source.State.FooterRowCount);
    }

    [Fact]
    public async Task OnChange_NewFilesAreServed()
    {
        async Task<int> CountAsync()
        {
            using var response = await fixture.Client.GetAsync("/lake/t/parts?limit=1000");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetArrayLength();
        }

        var before = await CountAsync();
        fixture.WritePart(before / 10 + 1, before);
        Assert.Equal(before + 10, await CountAsync());
    }

    [Fact]
    public async Task MissingFiles_Answer503_AndTheRestServes()
    {
        using var response = await fixture.Client.GetAsync("/lake/t/missing");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("LGD113", body, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Directory, body, StringComparison.Ordinal);

        using var items = await fixture.Client.GetAsync("/lake/t/items?limit=1");
        Assert.Equal(HttpStatusCode.OK, items.StatusCode);
    }

    private static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
