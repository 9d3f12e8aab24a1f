using System.Net;
using System.Text;
using System.Text.Json;

namespace Lakegate.Gateway.Tests.Functions.Conformance;

/// <summary>
/// A Powertools for AWS Lambda event-handler Router app (tests/conformance/functions/powertools.js)
/// under aws-lambda-ric, behind a REST API (payload 1.0, api <c>pt-rest</c>) and an HTTP API
/// (payload 2.0, api <c>pt-http</c>). The router rebuilds a web Request from the event and answers
/// in the event's own response format, so both directions of each format are exercised.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class PowertoolsConformanceTests(ConformanceGatewayFixture fixture)
{
    private static readonly byte[] Logo = [0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10, 0x80];

    private FunctionGateway Gateway => fixture.Gateway;

    [Theory]
    [InlineData("/pt-rest/prod")]
    [InlineData("/pt-http")]
    public async Task PathQueryHeadersAndCookies_ReachTheRoute(string api)
    {
        var response = await RawHttp.SendAsync(Gateway.BaseUrl, "GET", $"{api}/items/42?tag=a&tag=b&sort=asc", [
            ("X-Custom", "hello"), ("User-Agent", "conformance/pt"), ("Cookie", "c1=v1; c2=v2"),
        ]);

        Assert.True(response.Status == 200, $"{response.Status}: {response.Text}");
        var body = JsonDocument.Parse(response.Text).RootElement;
        Assert.Equal("42", body.GetProperty("id").GetString());
        Assert.Equal("/items/42", body.GetProperty("path").GetString());
        Assert.Equal(["a", "b"], body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("asc", body.GetProperty("sort").GetString());
        Assert.Equal("hello", body.GetProperty("custom").GetString());
        Assert.Equal("conformance/pt", body.GetProperty("userAgent").GetString());
        // 1.0 passes the Cookie header through; 2.0 sends cookies[], which the router joins back.
        Assert.Equal("c1=v1; c2=v2", body.GetProperty("cookie").GetString());
        Assert.Equal("application/json", response.Values("Content-Type").Single());
    }

    [Theory]
    [InlineData("/pt-rest/prod")]
    [InlineData("/pt-http")]
    public async Task JsonPost_Answers201_WithLocationAndCookie(string api)
    {
        using var content = new StringContent("{\"id\":\"7\",\"name\":\"widget\"}", Encoding.UTF8, "application/json");
        using var response = await Gateway.Client.PostAsync($"{api}/items", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/items/7", response.Headers.Location!.OriginalString);
        Assert.Equal("last=7", response.Headers.GetValues("Set-Cookie").Single());
        Assert.Equal("{\"created\":{\"id\":\"7\",\"name\":\"widget\"}}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/pt-rest/prod")]
    [InlineData("/pt-http")]
    public async Task TwoCookies_BecomeTwoSetCookieLines(string api)
    {
        // REST: the router answers multiValueHeaders['set-cookie']; HTTP API: cookies[].
        var response = await RawHttp.SendAsync(Gateway.BaseUrl, "GET", $"{api}/cookies", []);

        Assert.Equal(200, response.Status);
        Assert.Equal(["a=1", "b=2; Path=/"], response.Values("Set-Cookie"));
        Assert.Equal("two cookies", response.Text);
    }

    [Theory]
    [InlineData("/pt-rest/prod")]
    [InlineData("/pt-http")]
    public async Task BinaryResult_IsDecodedToBytes(string api)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{api}/logo");
        request.Headers.Accept.ParseAdd("image/png");
        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Logo, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/pt-rest/prod/items/missing")]
    [InlineData("/pt-http/items/missing")]
    [InlineData("/pt-rest/prod/no/such/route")]
    [InlineData("/pt-http/no/such/route")]
    public async Task RouterErrors_AreTheFunctionsOwn404_NotAGatewayError(string path)
    {
        using var response = await Gateway.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("x-amzn-ErrorType"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("NotFoundError", body.GetProperty("error").GetString());
        Assert.Equal(404, body.GetProperty("statusCode").GetInt32());
    }
}
