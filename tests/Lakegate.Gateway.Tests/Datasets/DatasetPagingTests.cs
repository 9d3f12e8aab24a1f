using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lakegate.Gateway.Tests.Datasets;

/// <summary>
/// Keyset cursors over 100,000 rows, sorted on columns with ties and NULLs: following Link rel="next"
/// from the first page to the last returns every row exactly once, in DuckDB's order.
/// </summary>
[Collection(DatasetCollection.Name)]
public sealed partial class DatasetPagingTests(DatasetGatewayFixture fixture)
{
    [Theory]
    [InlineData("grp.desc", "grp DESC NULLS FIRST, id", 7000, "json")]
    [InlineData("val.desc.nullsfirst,grp", "val DESC NULLS FIRST, grp ASC NULLS LAST, id", 25000, "ndjson")]
    [InlineData("val.nullsfirst,name.desc", "val ASC NULLS FIRST, name DESC NULLS FIRST, id", 4999, "csv")]
    [InlineData("val,id.desc", "val ASC NULLS LAST, id DESC", 9000, "json")]
    public async Task Cursor_PagesThroughEveryRowOnce(string order, string sql, int limit, string format)
    {
        var expected = DatasetGatewayFixture.Query($"SELECT id FROM '{fixture.Big}' ORDER BY {sql}").Select(r => Convert.ToInt64(r[0])).ToList();
        var seen = new List<long>(expected.Count);
        string? next = $"/lake/t/big?select=id,grp,val&order={order}&limit={limit}&format={format}";
        var pages = 0;
        while (next is not null)
        {
            using var response = await fixture.Client.GetAsync(next);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{next}: {body}");
            seen.AddRange(Ids(body, format));
            next = response.Headers.TryGetValues("Link", out var links) ? LinkTarget().Match(links.Single()).Groups[1].Value : null;
            Assert.True(++pages <= expected.Count / limit + 2, "more pages than rows allow");
        }

        Assert.Equal(expected.Count, seen.Count);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Cursor_RefusesTamperingAndAnotherQuery()
    {
        using var first = await fixture.Client.GetAsync("/lake/t/big?order=grp&limit=10");
        var link = LinkTarget().Match(first.Headers.GetValues("Link").Single()).Groups[1].Value;
        var cursor = link[(link.IndexOf("cursor=", StringComparison.Ordinal) + 7)..];

        using var good = await fixture.Client.GetAsync($"/lake/t/big?order=grp&limit=10&cursor={cursor}");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);

        var payload = cursor[..cursor.IndexOf('.', StringComparison.Ordinal)];
        var forged = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(
            System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(payload)).Replace("\"k\":[\"0\"", "\"k\":[\"5\"", StringComparison.Ordinal)));
        foreach (var (query, message) in new[]
        {
            ($"order=grp&limit=10&cursor={forged}{cursor[cursor.IndexOf('.', StringComparison.Ordinal)..]}", "signature"),
            ($"order=grp&limit=10&grp=gt.1&cursor={cursor}", "another query"),
            ($"order=grp.desc&limit=10&cursor={cursor}", "another query"),
            ($"order=grp&limit=10&cursor=not-a-cursor", "malformed"),
        })
        {
            using var response = await fixture.Client.GetAsync("/lake/t/big?" + query);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("LGD106", body, StringComparison.Ordinal);
            Assert.Contains(message, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LastPage_HasNoLink()
    {
        using var response = await fixture.Client.GetAsync("/lake/t/big?id=gt.99995&limit=5");
        Assert.False(response.Headers.Contains("Link"));
        Assert.Equal("0-4/*", DatasetQueryTests.ContentRange(response));
        using var empty = await fixture.Client.GetAsync("/lake/t/big?id=gt.100000");
        Assert.Equal("[]", await empty.Content.ReadAsStringAsync());
        Assert.Equal("*/*", DatasetQueryTests.ContentRange(empty));
    }

    private static IEnumerable<long> Ids(string body, string format)
    {
        switch (format)
        {
            case "csv":
                var lines = body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal("id,grp,val", lines[0]);
                return lines.Skip(1).Select(l => long.Parse(l[..l.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture));
            case "ndjson":
                return body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt64());
            default:
                return JsonDocument.Parse(body).RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        }
    }

    [GeneratedRegex("^<([^>]+)>; rel=\"next\"$")]
    private static partial Regex LinkTarget();
}
