using System.Net;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Lakegate.Gateway.Tests.Datasets;

/// <summary>Every response format, read back by a real reader: DuckDB for CSV, NDJSON and Parquet, Apache.Arrow for the stream.</summary>
[Collection(DatasetCollection.Name)]
public sealed class DatasetFormatTests(DatasetGatewayFixture fixture)
{
    private const string Columns = "id, sku, region, qty, price, score, day, ts, active";

    private async Task<(HttpResponseMessage Response, string File)> DownloadAsync(string query, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/lake/t/items?" + query);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await fixture.Client.SendAsync(request);
        var file = Path.Combine(fixture.Directory, Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        return (response, file);
    }

    /// <summary>Rows DuckDB reads from <paramref name="relation"/> that are not in the source file, both ways round (0 = the same rows).</summary>
    private long Compare(string relation, string columns = Columns) =>
        Convert.ToInt64(DatasetGatewayFixture.Query($"""
            SELECT count(*) FROM (
              (SELECT {columns} FROM {relation} EXCEPT ALL SELECT {columns} FROM '{fixture.Items}')
              UNION ALL
              (SELECT {columns} FROM '{fixture.Items}' EXCEPT ALL SELECT {columns} FROM {relation}))
            """)[0][0]);

    [Fact]
    public async Task Csv_ReadBackByDuckDb_IsTheWholeTable()
    {
        var (response, file) = await DownloadAsync("limit=2000", "text/csv");
        Assert.Equal("text/csv; charset=utf-8; header=present", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(0, Compare($"read_csv('{file}', header = true, columns = {{'id': 'BIGINT', 'sku': 'VARCHAR', 'region': 'VARCHAR', 'qty': 'INTEGER', 'price': 'DECIMAL(10,2)', 'score': 'DOUBLE', 'day': 'DATE', 'ts': 'TIMESTAMP', 'active': 'BOOLEAN'}})"));
    }

    [Fact]
    public async Task Ndjson_ReadBackByDuckDb_IsTheWholeTable()
    {
        var (response, file) = await DownloadAsync("limit=2000", "application/x-ndjson");
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(2000, (await File.ReadAllLinesAsync(file)).Length);
        Assert.Equal(0, Compare($"(SELECT id, sku, region, qty, CAST(price AS DECIMAL(10,2)) AS price, score, CAST(day AS DATE) AS day, CAST(ts AS TIMESTAMP) AS ts, active FROM read_json('{file}', format = 'newline_delimited'))"));
    }

    [Fact]
    public async Task Json_ReadBackByDuckDb_IsTheWholeTable()
    {
        var (_, file) = await DownloadAsync("limit=2000");
        Assert.Equal(0, Compare($"(SELECT id, sku, region, qty, CAST(price AS DECIMAL(10,2)) AS price, score, CAST(day AS DATE) AS day, CAST(ts AS TIMESTAMP) AS ts, active FROM read_json('{file}', format = 'array'))"));
    }

    [Fact]
    public async Task Parquet_ReadBackByDuckDb_KeepsTypesAndRows()
    {
        var (response, file) = await DownloadAsync("limit=2000&format=parquet");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.apache.parquet", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(new FileInfo(file).Length, response.Content.Headers.ContentLength);
        Assert.Equal(0, Compare($"read_parquet('{file}')"));
        var types = DatasetGatewayFixture.Query($"DESCRIBE SELECT * FROM read_parquet('{file}')").Select(r => $"{r[0]} {r[1]}");
        Assert.Equal(["id BIGINT", "sku VARCHAR", "region VARCHAR", "qty INTEGER", "price DECIMAL(10,2)", "score DOUBLE", "day DATE", "ts TIMESTAMP", "active BOOLEAN"], types);

        var (filtered, part) = await DownloadAsync("format=parquet&select=id,sku&region=eq.eu&order=id.desc&limit=5");
        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
        Assert.Contains("rel=\"next\"", filtered.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        var expected = DatasetGatewayFixture.Query($"SELECT id FROM '{fixture.Items}' WHERE region = 'eu' ORDER BY id DESC LIMIT 5").Select(r => r[0]);
        Assert.Equal(expected, DatasetGatewayFixture.Query($"SELECT id FROM read_parquet('{part}')").Select(r => r[0]));

        var (aliased, _) = await DownloadAsync("format=parquet&select=n:id");
        Assert.Equal(HttpStatusCode.BadRequest, aliased.StatusCode);
    }

    [Fact]
    public async Task Arrow_ReadByApacheArrow_HasTheRowsAndTheCallersNames()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/lake/t/items?limit=2000&select=id,amount:price,day,region");
        request.Headers.TryAddWithoutValidation("Accept", "application/vnd.apache.arrow.stream");
        using var response = await fixture.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("application/vnd.apache.arrow.stream", response.Content.Headers.ContentType!.ToString());
        using var reader = new ArrowStreamReader(await response.Content.ReadAsStreamAsync());
        var rows = 0;
        long idSum = 0;
        var nullRegions = 0;
        while (await reader.ReadNextRecordBatchAsync() is { } batch)
        {
            using (batch)
            {
                Assert.Equal(["id", "amount", "day", "region"], batch.Schema.FieldsList.Select(f => f.Name));
                var ids = (Int64Array)batch.Column(0);
                var regions = (StringArray)batch.Column(3);
                for (var i = 0; i < batch.Length; i++)
                {
                    idSum += ids.GetValue(i)!.Value;
                    nullRegions += regions.IsNull(i) ? 1 : 0;
                }

                rows += batch.Length;
            }
        }

        Assert.Equal(2000, rows);
        Assert.Equal(2000L * 2001 / 2, idSum);
        Assert.Equal(2000 / 11, nullRegions);
    }

    [Theory]
    [InlineData("text/csv;q=0.4, application/x-ndjson;q=0.9", "application/x-ndjson")]
    [InlineData("application/xml, text/*;q=0.1", "text/csv; charset=utf-8; header=present")]
    [InlineData("*/*", "application/json; charset=utf-8")]
    [InlineData("application/parquet;q=1, application/json;q=0.5", "application/vnd.apache.parquet")]
    public async Task Accept_QValuesPickTheFormat(string accept, string contentType)
    {
        var (response, _) = await DownloadAsync("limit=3", accept);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
    }

    [Theory]
    [InlineData("limit=3", "application/xml")]
    [InlineData("limit=3&format=xml", null)]
    public async Task Unsupported_Is406_ListingWhatIs(string query, string? accept)
    {
        var (response, file) = await DownloadAsync(query, accept);
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        var body = await File.ReadAllTextAsync(file);
        Assert.Contains("LGD107", body, StringComparison.Ordinal);
        Assert.Contains("application/vnd.apache.arrow.stream", body, StringComparison.Ordinal);
        Assert.Contains("text/csv", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Item_OffersJsonNdjsonCsvOnly()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/lake/t/items/3");
        request.Headers.TryAddWithoutValidation("Accept", "application/vnd.apache.parquet");
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }
}
