using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lakegate.Gateway.Tests.Functions.Conformance;

/// <summary>
/// An Express app wrapped by @vendia/serverless-express (tests/conformance/functions/expressapp.js)
/// under aws-lambda-ric, behind a REST API (payload 1.0, <c>ex-rest</c>; serverless-express answers
/// with multiValueHeaders only) and an HTTP API (payload 2.0, <c>ex-http</c>; it answers with cookies[]).
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class ServerlessExpressConformanceTests(ConformanceGatewayFixture fixture)
{
    private static readonly byte[] Logo = [0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10, 0x80];

    private FunctionGateway Gateway => fixture.Gateway;

    [Theory]
    [InlineData("/ex-rest/prod")]
    [InlineData("/ex-http")]
    public async Task PathQueryHeadersAndCookies_ReachExpress(string api)
    {
        var response = await RawHttp.SendAsync(Gateway.BaseUrl, "GET", $"{api}/items/42?tag=a&tag=b&q=x%20y", [
            ("X-Custom", "hello"), ("Cookie", "c1=v1; c2=v2"),
        ]);

        Assert.True(response.Status == 200, $"{response.Status}: {response.Text}");
        var body = JsonDocument.Parse(response.Text).RootElement;
        Assert.Equal("42", body.GetProperty("id").GetString());
        Assert.Equal("/items/42", body.GetProperty("path").GetString());
        Assert.Equal(["a", "b"], body.GetProperty("query").GetProperty("tag").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("x y", body.GetProperty("query").GetProperty("q").GetString());
        Assert.Equal("hello", body.GetProperty("custom").GetString());
        Assert.Equal("c1=v1; c2=v2", body.GetProperty("cookie").GetString());
        Assert.Equal("42", response.Values("X-Item").Single());
        Assert.StartsWith("application/json", response.Values("Content-Type").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ex-rest/prod")]
    [InlineData("/ex-http")]
    public async Task JsonPost_Answers201_WithLocation(string api)
    {
        using var content = new StringContent("{\"id\":\"9\",\"tags\":[\"x\"]}", Encoding.UTF8, "application/json");
        using var response = await Gateway.Client.PostAsync($"{api}/items", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/items/9", response.Headers.Location!.OriginalString);
        Assert.Equal("{\"created\":{\"id\":\"9\",\"tags\":[\"x\"]}}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/ex-rest/prod")]
    [InlineData("/ex-http")]
    public async Task BinaryUpload_ArrivesByteForByte(string api)
    {
        var upload = new byte[4096];
        new Random(7).NextBytes(upload);
        using var content = new ByteArrayContent(upload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await Gateway.Client.PostAsync($"{api}/upload", content);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(upload.Length, body.GetProperty("bytes").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(upload)), body.GetProperty("sha256").GetString());
    }

    [Theory]
    [InlineData("/ex-rest/prod")]
    [InlineData("/ex-http")]
    public async Task ResCookie_TwiceBecomesTwoSetCookieLines(string api)
    {
        var response = await RawHttp.SendAsync(Gateway.BaseUrl, "GET", $"{api}/cookies", []);

        Assert.Equal(200, response.Status);
        Assert.Equal(["a=1; Path=/", "b=2; Path=/; HttpOnly"], response.Values("Set-Cookie"));
        Assert.Equal("two cookies", response.Text);
    }

    [Theory]
    [InlineData("/ex-rest/prod")]
    [InlineData("/ex-http")]
    public async Task BinaryResponse_IsDecodedToBytes(string api)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{api}/logo");
        request.Headers.Accept.ParseAdd("image/png");
        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Logo, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/ex-rest/prod")]
    [InlineData("/ex-http")]
    public async Task ErrorsInsideTheApp_AreItsOwnResponses(string api)
    {
        using var thrown = await Gateway.Client.GetAsync($"{api}/boom");
        Assert.Equal(HttpStatusCode.InternalServerError, thrown.StatusCode);
        Assert.False(thrown.Headers.Contains("x-amzn-ErrorType"), "the app answered 500 itself; the function did not fail");

        using var missing = await Gateway.Client.GetAsync($"{api}/nothing/here");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("{\"message\":\"no route for GET /nothing/here\"}", await missing.Content.ReadAsStringAsync());
    }
}
