using System.Text;
using System.Text.Json;
using Lakegate.Core.Functions;

namespace Lakegate.Core.Tests.Functions;

public class ProxyEventWriterTests
{
    private static readonly DateTimeOffset Time = new(2020, 3, 4, 19, 15, 17, 135, TimeSpan.Zero);

    private static ProxyRequest Request(
        string query = "",
        IReadOnlyList<KeyValuePair<string, string>>? headers = null,
        string? body = null,
        byte[]? binary = null,
        IReadOnlyList<string>? binaryMediaTypes = null) => new()
        {
            HttpMethod = "POST",
            Path = "/items/42",
            ContextPath = "/prod/items/42",
            RawPath = "/prod/items/42",
            RawQueryString = query,
            Headers = headers ?? [],
            Body = binary ?? (body is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(body)),
            ResourcePath = "/items/{id}",
            RouteKey = "POST /items/{id}",
            PathParameters = [new("id", "42")],
            RequestId = "req-1",
            ApiId = "shop",
            Stage = "prod",
            DeploymentId = "dep1",
            DomainName = "shop.execute-api.localhost",
            DomainPrefix = "shop",
            SourceIp = "203.0.113.1",
            UserAgent = "curl/8",
            RequestTime = Time,
            BinaryMediaTypes = binaryMediaTypes ?? [],
        };

    private static JsonElement V1(ProxyRequest request, bool httpApi = false) => JsonDocument.Parse(ProxyEventWriter.WriteV1(request, httpApi)).RootElement;

    private static JsonElement V2(ProxyRequest request) => JsonDocument.Parse(ProxyEventWriter.WriteV2(request)).RootElement;

    [Fact]
    public void WriteV1_NoQueryHeadersOrBody_WritesNullsNotEmptyMaps()
    {
        var e = V1(Request());

        Assert.Equal(JsonValueKind.Null, e.GetProperty("headers").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("multiValueHeaders").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("queryStringParameters").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("multiValueQueryStringParameters").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("stageVariables").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("body").ValueKind);
        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());
        Assert.False(e.TryGetProperty("version", out _));
    }

    [Fact]
    public void WriteV1_RepeatedQueryAndHeaders_LastValueAndMultiValueMaps()
    {
        var e = V1(Request(query: "a=1&a=2&b=x%20y&flag", headers: [new("X-Tag", "one"), new("x-tag", "two"), new("Accept", "*/*")]));

        Assert.Equal("2", e.GetProperty("queryStringParameters").GetProperty("a").GetString());
        Assert.Equal("x y", e.GetProperty("queryStringParameters").GetProperty("b").GetString());
        Assert.Equal("", e.GetProperty("queryStringParameters").GetProperty("flag").GetString());
        Assert.Equal(["1", "2"], e.GetProperty("multiValueQueryStringParameters").GetProperty("a").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("two", e.GetProperty("headers").GetProperty("X-Tag").GetString());
        Assert.Equal(["one", "two"], e.GetProperty("multiValueHeaders").GetProperty("X-Tag").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void WriteV1_RequestContext_MirrorsContext()
    {
        var e = V1(Request());

        Assert.Equal("/items/{id}", e.GetProperty("resource").GetString());
        Assert.Equal("/items/42", e.GetProperty("path").GetString());
        Assert.Equal("POST", e.GetProperty("httpMethod").GetString());
        Assert.Equal("42", e.GetProperty("pathParameters").GetProperty("id").GetString());
        var c = e.GetProperty("requestContext");
        Assert.Equal("/prod/items/42", c.GetProperty("path").GetString());
        Assert.Equal("/items/{id}", c.GetProperty("resourcePath").GetString());
        Assert.Equal("04/Mar/2020:19:15:17 +0000", c.GetProperty("requestTime").GetString());
        Assert.Equal(1583349317135, c.GetProperty("requestTimeEpoch").GetInt64());
        Assert.Equal(("shop", "prod", "req-1", "dep1"), (c.GetProperty("apiId").GetString(), c.GetProperty("stage").GetString(), c.GetProperty("requestId").GetString(), c.GetProperty("deploymentId").GetString()));
        Assert.Equal("shop.execute-api.localhost", c.GetProperty("domainName").GetString());
        Assert.Equal("HTTP/1.1", c.GetProperty("protocol").GetString());
        var identity = c.GetProperty("identity");
        Assert.Equal("203.0.113.1", identity.GetProperty("sourceIp").GetString());
        Assert.Equal("curl/8", identity.GetProperty("userAgent").GetString());
        Assert.Equal(JsonValueKind.Null, identity.GetProperty("user").ValueKind);
        Assert.Equal(JsonValueKind.Null, identity.GetProperty("cognitoIdentityId").ValueKind);
    }

    [Theory]
    [InlineData("image/png", true)]
    [InlineData("image/jpeg; q=1", true)]
    [InlineData("application/octet-stream", false)]
    [InlineData("text/plain", false)]
    public void WriteV1_Body_IsBase64OnlyWhenContentTypeMatchesBinaryMediaTypes(string contentType, bool base64)
    {
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF };
        var e = V1(Request(headers: [new("Content-Type", contentType)], binary: bytes, binaryMediaTypes: ["image/*"]));

        Assert.Equal(base64, e.GetProperty("isBase64Encoded").GetBoolean());
        if (base64)
        {
            Assert.Equal(bytes, Convert.FromBase64String(e.GetProperty("body").GetString()!));
        }
    }

    [Fact]
    public void WriteV1_ForHttpApi_AddsVersion()
    {
        Assert.Equal("1.0", V1(Request(), httpApi: true).GetProperty("version").GetString());
    }

    [Fact]
    public void WriteV2_HeadersLowerCasedAndJoined_CookiesSplitOut()
    {
        var e = V2(Request(query: "a=1&a=2&b=x", headers: [new("X-Tag", "one"), new("X-Tag", "two"), new("Cookie", "c1=v1; c2=v2"), new("Content-Type", "application/json")], body: "{\"k\":1}"));

        Assert.Equal("2.0", e.GetProperty("version").GetString());
        Assert.Equal("POST /items/{id}", e.GetProperty("routeKey").GetString());
        Assert.Equal("/prod/items/42", e.GetProperty("rawPath").GetString());
        Assert.Equal("a=1&a=2&b=x", e.GetProperty("rawQueryString").GetString());
        Assert.Equal(["c1=v1", "c2=v2"], e.GetProperty("cookies").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("one,two", e.GetProperty("headers").GetProperty("x-tag").GetString());
        Assert.False(e.GetProperty("headers").TryGetProperty("cookie", out _));
        Assert.Equal("1,2", e.GetProperty("queryStringParameters").GetProperty("a").GetString());
        Assert.Equal("{\"k\":1}", e.GetProperty("body").GetString());
        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());
        var http = e.GetProperty("requestContext").GetProperty("http");
        Assert.Equal(("POST", "/prod/items/42", "203.0.113.1", "curl/8"), (http.GetProperty("method").GetString(), http.GetProperty("path").GetString(), http.GetProperty("sourceIp").GetString(), http.GetProperty("userAgent").GetString()));
        Assert.Equal(1583349317135, e.GetProperty("requestContext").GetProperty("timeEpoch").GetInt64());
        Assert.Equal("04/Mar/2020:19:15:17 +0000", e.GetProperty("requestContext").GetProperty("time").GetString());
    }

    [Fact]
    public void WriteV2_EmptyOptionalParts_AreOmitted()
    {
        var e = V2(Request() with { PathParameters = [] });

        Assert.False(e.TryGetProperty("cookies", out _));
        Assert.False(e.TryGetProperty("queryStringParameters", out _));
        Assert.False(e.TryGetProperty("pathParameters", out _));
        Assert.False(e.TryGetProperty("stageVariables", out _));
        Assert.False(e.TryGetProperty("body", out _));
        Assert.False(e.TryGetProperty("multiValueHeaders", out _));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("application/x-www-form-urlencoded", true)]
    [InlineData("application/octet-stream", true)]
    [InlineData("text/csv", false)]
    [InlineData("application/json; charset=utf-8", false)]
    [InlineData("application/xml", false)]
    public void WriteV2_Body_Base64UnlessTextJsonXmlOrJavaScript(string? contentType, bool base64)
    {
        var headers = contentType is null ? [] : new List<KeyValuePair<string, string>> { new("Content-Type", contentType) };
        var e = V2(Request(headers: headers, body: "a=1"));

        Assert.Equal(base64, e.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(base64 ? Convert.ToBase64String("a=1"u8.ToArray()) : "a=1", e.GetProperty("body").GetString());
    }
}
