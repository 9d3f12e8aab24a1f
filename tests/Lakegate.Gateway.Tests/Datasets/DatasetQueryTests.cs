using System.Net;
using System.Text.Json;

namespace Lakegate.Gateway.Tests.Datasets;

/// <summary>The grammar through a real gateway, checked against DuckDB's own answer over the same file.</summary>
[Collection(DatasetCollection.Name)]
public sealed class DatasetQueryTests(DatasetGatewayFixture fixture)
{
    private async Task<(HttpResponseMessage Response, JsonElement Body)> GetJsonAsync(string path)
    {
        var response = await fixture.Client.GetAsync("/lake/t" + path);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return (response, document.RootElement.Clone());
    }

    private async Task<List<long>> IdsAsync(string path)
    {
        var (response, body) = await GetJsonAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return [.. body.EnumerateArray().Select(row => row.GetProperty("id").GetInt64())];
    }

    /// <summary>PostgREST's Content-Range has no unit, which HttpClient's typed header refuses: read it raw.</summary>
    internal static string ContentRange(HttpResponseMessage response) => response.Content.Headers.NonValidated["Content-Range"].ToString();

    private List<long> Truth(string where, string order = "id") =>
        [.. DatasetGatewayFixture.Query($"SELECT id FROM '{fixture.Items}' WHERE {where} ORDER BY {order}").Select(r => Convert.ToInt64(r[0]))];

    [Fact]
    public async Task List_Default_IsTheFirstPageInKeyOrder_WithoutHiddenColumns()
    {
        var (response, body) = await GetJsonAsync("/items");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), body.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal("0-99/*", ContentRange(response));
        Assert.Contains("rel=\"next\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        var first = body[0];
        Assert.Equal(["id", "sku", "region", "qty", "price", "score", "day", "ts", "active"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("SKU-00001", first.GetProperty("sku").GetString());
        Assert.Equal("2026-01-02", first.GetProperty("day").GetString());
        Assert.Equal("2026-01-01T00:17:00", first.GetProperty("ts").GetString());
        Assert.Equal(79.19m, first.GetProperty("price").GetDecimal());
        Assert.DoesNotContain("hush-", body.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("qty=gte.100&region=eq.eu", "qty >= 100 AND region = 'eu'")]
    [InlineData("region=is.null", "region IS NULL")]
    [InlineData("qty=not.is.null&qty=lt.20", "qty IS NOT NULL AND qty < 20")]
    [InlineData("or=(qty.lt.10,and(region.eq.us,active.is.true))", "qty < 10 OR (region = 'us' AND active IS TRUE)")]
    [InlineData("not.and=(qty.gt.10,qty.lt.490)", "NOT (qty > 10 AND qty < 490)")]
    [InlineData("sku=like.SKU-000*", "sku LIKE 'SKU-000%'")]
    [InlineData("sku=ilike.sku-0019*", "sku ILIKE 'sku-0019%'")]
    [InlineData("region=not.in.(eu,us)", "NOT (region IN ('eu', 'us'))")]
    [InlineData("qty=isdistinct.5&id=lte.100", "qty IS DISTINCT FROM 5 AND id <= 100")]
    [InlineData("day=gte.2026-03-01&ts=lt.2026-01-10T00:00:00", "day >= DATE '2026-03-01' AND ts < TIMESTAMP '2026-01-10 00:00:00'")]
    [InlineData("price=gt.500.5&score=lte.0.25", "price > 500.5 AND score <= 0.25")]
    [InlineData("active=is.false&region=neq.ap", "active IS FALSE AND region <> 'ap'")]
    [InlineData("or=(id.in.(1,2,3),sku.eq.\"SKU-00010\")", "id IN (1, 2, 3) OR sku = 'SKU-00010'")]
    public async Task Filters_FindWhatDuckDbFinds(string query, string where)
    {
        var expected = Truth(where);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await IdsAsync("/items?limit=10000&" + query));
    }

    [Theory]
    [InlineData("qty.desc,id", "qty DESC NULLS FIRST, id")]
    [InlineData("qty.desc.nullslast,id", "qty DESC NULLS LAST, id")]
    [InlineData("region.nullsfirst,price.desc", "region ASC NULLS FIRST, price DESC, id")]
    [InlineData("region,qty", "region ASC NULLS LAST, qty ASC NULLS LAST, id")]
    public async Task Order_PlacesNullsAsAsked(string order, string sql)
    {
        Assert.Equal(Truth("TRUE", sql), await IdsAsync($"/items?limit=10000&order={order}"));
    }

    [Fact]
    public async Task Select_AliasesAndCasts()
    {
        var (response, body) = await GetJsonAsync("/items?select=id,amount:price::text,when:day,qty::double&id=eq.3");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(body.EnumerateArray());
        Assert.Equal(["id", "amount", "when", "qty"], row.EnumerateObject().Select(p => p.Name));
        Assert.Equal("237.57", row.GetProperty("amount").GetString());
        Assert.Equal(111d, row.GetProperty("qty").GetDouble());
    }

    [Fact]
    public async Task Item_ByKey_AndMissingIs404()
    {
        var (response, body) = await GetJsonAsync("/items/7?select=id,sku");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"id":7,"sku":"SKU-00007"}""", body.GetRawText());

        foreach (var missing in new[] { "/items/999999", "/items/abc" })
        {
            using var notFound = await fixture.Client.GetAsync("/lake/t" + missing);
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
            Assert.Equal("""{"message":"Not Found"}""", await notFound.Content.ReadAsStringAsync());
        }

        using var csv = await fixture.Client.GetAsync("/lake/t/items/8?format=csv&select=id,region");
        Assert.Equal("id,region\r\n8,ap\r\n", await csv.Content.ReadAsStringAsync());
        using var filter = await fixture.Client.GetAsync("/lake/t/items/8?qty=eq.1");
        Assert.Equal(HttpStatusCode.BadRequest, filter.StatusCode);
    }

    [Theory]
    [InlineData("secret=eq.hush-1", "LGD101")]
    [InlineData("select=secret", "LGD101")]
    [InlineData("select=id,\"secret\"", "LGD101")]
    [InlineData("order=secret.desc", "LGD101")]
    [InlineData("or=(secret.eq.hush-1,id.eq.1)", "LGD101")]
    [InlineData("select=id;DROP TABLE dataset", "LGD101")]
    [InlineData("select=id::text);--", "LGD109")]
    [InlineData("id=eq.1;DROP TABLE dataset", "LGD102")]
    [InlineData("%22id%22%22%20OR%201%3D1%20--%22=eq.1", "LGD100")]
    [InlineData("%22id%5C%22%20OR%201%3D1%20--%22=eq.1", "LGD101")]
    [InlineData("order=id;select * from read_csv('/etc/passwd')", "LGD101")]
    [InlineData("select=id,s:secret::text", "LGD101")]
    [InlineData("qty=eq.abc", "LGD102")]
    [InlineData("day=eq.yesterday", "LGD102")]
    [InlineData("active=is.maybe", "LGD102")]
    [InlineData("qty=match.1", "LGD103")]
    [InlineData("offset=1001", "LGD105")]
    [InlineData("cursor=eyJ2IjoxfQ.AAAA", "LGD106")]
    [InlineData("limit=1&limit=2", "LGD108")]
    public async Task HostileAndInvalidRequests_Are400_AndLeakNothing(string query, string code)
    {
        using var response = await fixture.Client.GetAsync("/lake/t/items?" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(text);
        Assert.Equal(code, body.RootElement.GetProperty("code").GetString());
        Assert.Equal(["code", "message", "details", "hint"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("hush-1", text.Replace("secret.eq.hush-1", string.Empty, StringComparison.Ordinal).Replace("secret=eq.hush-1", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Directory, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SqlInValues_IsJustAValue()
    {
        Assert.Empty(await IdsAsync("/items?sku=eq.'; DROP VIEW dataset; --"));
        Assert.Equal([5L], await IdsAsync("/items?sku=in.(\"SKU-00005\",\"') OR 1=1 --\")"));
        Assert.Equal(100, (await IdsAsync("/items")).Count);
    }

    [Fact]
    public async Task Count_ExactAndPlanned_InContentRange()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/lake/t/items?region=eq.eu&limit=10&offset=5");
        request.Headers.Add("Prefer", "count=exact");
        using var exact = await fixture.Client.SendAsync(request);
        var total = Truth("region = 'eu'").Count;
        Assert.Equal(HttpStatusCode.PartialContent, exact.StatusCode);
        Assert.Equal($"5-14/{total}", ContentRange(exact));
        Assert.Equal("count=exact", exact.Headers.GetValues("Preference-Applied").Single());

        using var plannedRequest = new HttpRequestMessage(HttpMethod.Get, "/lake/t/items?limit=3");
        plannedRequest.Headers.Add("Prefer", "count=planned");
        using var planned = await fixture.Client.SendAsync(plannedRequest);
        Assert.Equal("0-2/2000", ContentRange(planned));

        Assert.Equal(Enumerable.Range(21, 5).Select(i => (long)i), await IdsAsync("/items?offset=20&limit=5"));
    }

    [Fact]
    public async Task Guardrails_TooManyFilters_TooLongUrl()
    {
        using var many = await fixture.Client.GetAsync("/lake/t/items?" + string.Join('&', Enumerable.Range(0, 51).Select(i => $"qty=neq.{i}")));
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Contains("LGD104", await many.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var deep = await fixture.Client.GetAsync("/lake/t/items?or=(and(or(and(or(id.eq.1)))))");
        Assert.Equal(HttpStatusCode.BadRequest, deep.StatusCode);

        using var longUrl = await fixture.Client.GetAsync("/lake/t/items?sku=eq." + new string('x', 8050));
        Assert.Equal((HttpStatusCode)414, longUrl.StatusCode);
        Assert.Contains("LGD104", await longUrl.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameQuery_OverCsvAndJsonFiles_SameRows()
    {
        const string query = "?select=id,sku,region,qty&or=(qty.lt.50,region.is.null)&order=qty.desc,id&limit=5000";
        var (_, parquet) = await GetJsonAsync("/items" + query);
        var (csvResponse, csv) = await GetJsonAsync("/csv" + query);
        var (jsonResponse, json) = await GetJsonAsync("/json" + query);
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, jsonResponse.StatusCode);
        Assert.True(parquet.GetArrayLength() > 100);
        Assert.Equal(parquet.GetRawText(), csv.GetRawText());
        Assert.Equal(parquet.GetRawText(), json.GetRawText());
    }
}
