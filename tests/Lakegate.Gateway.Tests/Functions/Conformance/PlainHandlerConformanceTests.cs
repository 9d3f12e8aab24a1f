using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lakegate.Gateway.Tests.Functions.Conformance;

/// <summary>
/// Plain handlers (tests/conformance/functions/echo.js) under aws-lambda-ric: the events they receive
/// and the responses they give, compared field by field with API Gateway's documented shapes
/// (reference §3.1-3.4, checklist items 2-4).
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class PlainHandlerConformanceTests(ConformanceGatewayFixture fixture)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80];
    private static readonly byte[] Upload = [0x00, 0x01, 0xff, 0xfe, 0x80, 0x7f];

    private FunctionGateway Gateway => fixture.Gateway;

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private async Task<(JsonElement Echo, RawHttp.Response Response)> EchoAsync(string method, string path, (string, string)[] headers, byte[]? body = null)
    {
        var response = await RawHttp.SendAsync(Gateway.BaseUrl, method, path, headers, body);
        Assert.True(response.Status == 200, $"{response.Status}: {response.Text}");
        return (Json(response.Text), response);
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task RestEvent_Payload10_MultiValueMapsStagePathAndContext()
    {
        var (echo, response) = await EchoAsync("GET", "/rest/prod/echo/a/b%20c?x=1&x=2&empty=&enc=a%2Bb", [
            ("X-Multi", "one"), ("X-Multi", "two"), ("x-MiXeD-Case", "kept"), ("Cookie", "c1=v1; c2=v2"), ("User-Agent", "conformance/1"),
        ]);
        var e = echo.GetProperty("event");

        Assert.False(e.TryGetProperty("version", out _), "REST events carry no version");
        Assert.Equal("/echo/{proxy+}", e.GetProperty("resource").GetString());
        Assert.Equal("/echo/a/b c", e.GetProperty("path").GetString());
        Assert.Equal("GET", e.GetProperty("httpMethod").GetString());

        // headers keep the last value, multiValueHeaders all of them; names keep their case; cookies stay a header.
        Assert.Equal("two", e.GetProperty("headers").GetProperty("X-Multi").GetString());
        Assert.Equal(["one", "two"], Strings(e.GetProperty("multiValueHeaders").GetProperty("X-Multi")));
        Assert.Equal("kept", e.GetProperty("headers").GetProperty("x-MiXeD-Case").GetString());
        Assert.Equal("c1=v1; c2=v2", e.GetProperty("headers").GetProperty("Cookie").GetString());
        Assert.False(e.TryGetProperty("cookies", out _));

        Assert.Equal("2", e.GetProperty("queryStringParameters").GetProperty("x").GetString());
        Assert.Equal(["1", "2"], Strings(e.GetProperty("multiValueQueryStringParameters").GetProperty("x")));
        Assert.Equal(string.Empty, e.GetProperty("queryStringParameters").GetProperty("empty").GetString());
        Assert.Equal("a+b", e.GetProperty("queryStringParameters").GetProperty("enc").GetString());
        Assert.Equal("a/b c", e.GetProperty("pathParameters").GetProperty("proxy").GetString());
        Assert.Equal("blue", e.GetProperty("stageVariables").GetProperty("color").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("body").ValueKind);
        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());

        var c = e.GetProperty("requestContext");
        Assert.Equal("/prod/echo/a/b c", c.GetProperty("path").GetString());
        Assert.Equal("prod", c.GetProperty("stage").GetString());
        Assert.Equal("/echo/{proxy+}", c.GetProperty("resourcePath").GetString());
        Assert.Equal("GET", c.GetProperty("httpMethod").GetString());
        Assert.Equal("rest", c.GetProperty("apiId").GetString());
        Assert.Equal("HTTP/1.1", c.GetProperty("protocol").GetString());
        Assert.Equal(response.Values("x-amzn-RequestId").Single(), c.GetProperty("requestId").GetString());
        var identity = c.GetProperty("identity");
        Assert.Equal("127.0.0.1", identity.GetProperty("sourceIp").GetString());
        Assert.Equal("conformance/1", identity.GetProperty("userAgent").GetString());
        foreach (var absent in (string[])["accessKey", "accountId", "caller", "cognitoIdentityId", "user", "userArn"])
        {
            Assert.Equal(JsonValueKind.Null, identity.GetProperty(absent).ValueKind);
        }

        Assert.True(c.GetProperty("requestTimeEpoch").GetInt64() > 1_600_000_000_000);

        // What aws-lambda-ric built from the Runtime API headers and the worker's environment.
        var context = echo.GetProperty("context");
        Assert.True(Guid.TryParse(context.GetProperty("awsRequestId").GetString(), out _));
        Assert.Equal("echo", context.GetProperty("functionName").GetString());
        Assert.Equal("$LATEST", context.GetProperty("functionVersion").GetString());
        Assert.Equal("128", context.GetProperty("memoryLimitInMB").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:echo", context.GetProperty("invokedFunctionArn").GetString());
        Assert.Equal("/aws/lambda/echo", context.GetProperty("logGroupName").GetString());
        Assert.InRange(context.GetProperty("remainingTimeInMillis").GetInt64(), 1, 3000);
        var env = echo.GetProperty("env");
        Assert.StartsWith("Root=1-", env.GetProperty("traceId").GetString(), StringComparison.Ordinal);
        Assert.Equal("echo.handler", env.GetProperty("handler").GetString());
        Assert.Equal("from-lakegate-yaml", env.GetProperty("custom").GetString());
    }

    [Fact]
    public async Task RestEvent_WithoutQueryOrPathParameters_HasNulls()
    {
        var (echo, _) = await EchoAsync("GET", "/rest/prod/echo", []);
        var e = echo.GetProperty("event");

        Assert.Equal("/echo", e.GetProperty("resource").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("queryStringParameters").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("multiValueQueryStringParameters").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("pathParameters").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("body").ValueKind);
        Assert.Equal("/prod/echo", e.GetProperty("requestContext").GetProperty("path").GetString());
    }

    [Fact]
    public async Task RestEvent_TextBody_IsAString_BinaryMediaType_IsBase64()
    {
        var (text, _) = await EchoAsync("POST", "/rest/prod/echo/items", [("Content-Type", "application/json")], Encoding.UTF8.GetBytes("{\"name\":\"é\"}"));
        Assert.Equal("{\"name\":\"é\"}", text.GetProperty("event").GetProperty("body").GetString());
        Assert.False(text.GetProperty("event").GetProperty("isBase64Encoded").GetBoolean());

        var (binary, _) = await EchoAsync("POST", "/rest/prod/echo/items", [("Content-Type", "application/octet-stream")], Upload);
        Assert.Equal(Convert.ToBase64String(Upload), binary.GetProperty("event").GetProperty("body").GetString());
        Assert.True(binary.GetProperty("event").GetProperty("isBase64Encoded").GetBoolean());
    }

    [Fact]
    public async Task HttpApiEvent_Payload20_CookiesLowercaseJoinedHeadersRawPath()
    {
        var (echo, response) = await EchoAsync("GET", "/http/echo/42?a=1&a=2&b=x%20y", [
            ("X-Multi", "one"), ("X-Multi", "two"), ("Cookie", "c1=v1; c2=v2"), ("Cookie", "c3=v3"), ("User-Agent", "conformance/2"),
        ]);
        var e = echo.GetProperty("event");

        Assert.Equal("2.0", e.GetProperty("version").GetString());
        Assert.Equal("ANY /echo/{id}", e.GetProperty("routeKey").GetString());
        Assert.Equal("/echo/42", e.GetProperty("rawPath").GetString());
        Assert.Equal("a=1&a=2&b=x%20y", e.GetProperty("rawQueryString").GetString());
        Assert.Equal(["c1=v1", "c2=v2", "c3=v3"], Strings(e.GetProperty("cookies")));
        var headers = e.GetProperty("headers");
        Assert.Equal("one,two", headers.GetProperty("x-multi").GetString());
        Assert.Equal("conformance/2", headers.GetProperty("user-agent").GetString());
        Assert.False(headers.TryGetProperty("cookie", out _), "cookies travel in cookies[], not in headers");
        Assert.All(headers.EnumerateObject(), h => Assert.Equal(h.Name.ToLowerInvariant(), h.Name));
        Assert.Equal("1,2", e.GetProperty("queryStringParameters").GetProperty("a").GetString());
        Assert.Equal("x y", e.GetProperty("queryStringParameters").GetProperty("b").GetString());
        Assert.Equal("42", e.GetProperty("pathParameters").GetProperty("id").GetString());
        foreach (var absent in (string[])["multiValueHeaders", "multiValueQueryStringParameters", "stageVariables", "body", "resource", "httpMethod"])
        {
            Assert.False(e.TryGetProperty(absent, out _), $"2.0 events have no {absent} here");
        }

        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());
        var c = e.GetProperty("requestContext");
        Assert.Equal("GET", c.GetProperty("http").GetProperty("method").GetString());
        Assert.Equal("/echo/42", c.GetProperty("http").GetProperty("path").GetString());
        Assert.Equal("HTTP/1.1", c.GetProperty("http").GetProperty("protocol").GetString());
        Assert.Equal("127.0.0.1", c.GetProperty("http").GetProperty("sourceIp").GetString());
        Assert.Equal("conformance/2", c.GetProperty("http").GetProperty("userAgent").GetString());
        Assert.Equal("ANY /echo/{id}", c.GetProperty("routeKey").GetString());
        Assert.Equal("$default", c.GetProperty("stage").GetString());
        Assert.Equal(response.Values("apigw-requestid").Single(), c.GetProperty("requestId").GetString());
        Assert.True(c.GetProperty("timeEpoch").GetInt64() > 1_600_000_000_000);
    }

    [Theory]
    [InlineData("text/plain; charset=utf-8", false)]
    [InlineData("application/json", false)]
    [InlineData("application/x-www-form-urlencoded", true)]
    [InlineData("application/octet-stream", true)]
    public async Task HttpApiEvent_Body_IsBase64UnlessText(string contentType, bool base64)
    {
        var body = Encoding.UTF8.GetBytes("a=1&b=ü");
        var (echo, _) = await EchoAsync("POST", "/http/echo/7", [("Content-Type", contentType)], body);
        var e = echo.GetProperty("event");

        Assert.Equal(base64, e.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(base64 ? Convert.ToBase64String(body) : "a=1&b=ü", e.GetProperty("body").GetString());
    }

    [Fact]
    public async Task HttpApiRoute_WithPayload10_GetsTheRestShapePlusVersion()
    {
        var (echo, _) = await EchoAsync("GET", "/http/v1/deep/path?k=1&k=2", [("X-Multi", "one"), ("X-Multi", "two")]);
        var e = echo.GetProperty("event");

        Assert.Equal("1.0", e.GetProperty("version").GetString());
        Assert.Equal("/v1/deep/path", e.GetProperty("path").GetString());
        Assert.Equal(["one", "two"], Strings(e.GetProperty("multiValueHeaders").GetProperty("X-Multi")));
        Assert.Equal(["1", "2"], Strings(e.GetProperty("multiValueQueryStringParameters").GetProperty("k")));
        Assert.Equal("deep/path", e.GetProperty("pathParameters").GetProperty("proxy").GetString());
    }

    [Fact]
    public async Task RestResponse_MultiValueHeadersWin_SetCookieLinesKept_DefaultJsonContentType()
    {
        var response = await RawHttp.SendAsync(Gateway.BaseUrl, "GET", "/rest/prod/shaped", []);

        Assert.Equal(201, response.Status);
        Assert.Equal(["a=1; Path=/", "b=2; HttpOnly"], response.Values("Set-Cookie"));
        Assert.Equal(["m1", "m2"], response.Values("X-Both"));
        Assert.Equal("one", response.Values("X-Single").Single());
        Assert.Equal("true", response.Values("X-Flag").Single());
        Assert.Equal("application/json", response.Values("Content-Type").Single());
        Assert.Equal("shaped", response.Text);
    }

    [Fact]
    public async Task HttpApiResponse_CookiesBecomeSetCookie_ShorthandIsJson200()
    {
        var cookies = await RawHttp.SendAsync(Gateway.BaseUrl, "GET", "/http/cookies", []);
        Assert.Equal(200, cookies.Status);
        Assert.Equal(["session=abc; Secure", "theme=dark"], cookies.Values("Set-Cookie"));
        Assert.Equal("with cookies", cookies.Text);

        using var shorthand = await Gateway.Client.GetAsync("/http/shorthand");
        Assert.Equal(HttpStatusCode.OK, shorthand.StatusCode);
        Assert.Equal("application/json", shorthand.Content.Headers.ContentType!.MediaType);
        Assert.Equal("{\"shorthand\":true,\"path\":\"/shorthand\"}", await shorthand.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RestBinary_DecodedOnlyWhenAcceptIsABinaryMediaType_RequestBytesArriveIntact()
    {
        using var asImage = new HttpRequestMessage(HttpMethod.Post, "/rest/prod/binary") { Content = new ByteArrayContent(Upload) };
        asImage.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        asImage.Headers.Accept.ParseAdd("image/png");
        using var decoded = await Gateway.Client.SendAsync(asImage);
        Assert.Equal(HttpStatusCode.OK, decoded.StatusCode);
        Assert.Equal(Png, await decoded.Content.ReadAsByteArrayAsync());
        Assert.Equal("true", decoded.Headers.GetValues("X-Request-Base64").Single());
        Assert.Equal(Upload.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), decoded.Headers.GetValues("X-Request-Bytes").Single());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Upload)), decoded.Headers.GetValues("X-Request-Sha256").Single());

        using var asJson = new HttpRequestMessage(HttpMethod.Get, "/rest/prod/binary");
        asJson.Headers.Accept.ParseAdd("application/json");
        using var text = await Gateway.Client.SendAsync(asJson);
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.Equal(Convert.ToBase64String(Png), await text.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HttpApiBinary_IsAlwaysDecoded()
    {
        using var content = new ByteArrayContent(Upload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await Gateway.Client.PostAsync("/http/binary", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Upload)), response.Headers.GetValues("X-Request-Sha256").Single());
    }

    [Fact]
    public async Task UnhandledError_Is502_WithEachApiTypesBody()
    {
        using var rest = await Gateway.Client.GetAsync("/rest/prod/fails");
        Assert.Equal(HttpStatusCode.BadGateway, rest.StatusCode);
        Assert.Equal("{\"message\":\"Internal server error\"}", await rest.Content.ReadAsStringAsync());
        Assert.Equal("InternalServerErrorException", rest.Headers.GetValues("x-amzn-ErrorType").Single());

        using var http = await Gateway.Client.GetAsync("/http/fails");
        Assert.Equal(HttpStatusCode.BadGateway, http.StatusCode);
        Assert.Equal("{\"message\":\"Internal Server Error\"}", await http.Content.ReadAsStringAsync());
        Assert.Contains(Gateway.Logs.Lines, l => l.Contains("ConformanceError", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CrashMidInvocation_Is502_WorkerReplaced_NextRequestSucceeds()
    {
        using var before = await Gateway.Client.GetAsync("/rest/prod/crash");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var firstPid = await before.Content.ReadAsStringAsync();

        using var crashed = await Gateway.Client.GetAsync("/rest/prod/crash?crash=1");
        Assert.Equal(HttpStatusCode.BadGateway, crashed.StatusCode);
        Assert.Equal("{\"message\":\"Internal server error\"}", await crashed.Content.ReadAsStringAsync());

        using var after = await Gateway.Client.GetAsync("/rest/prod/crash");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(firstPid, await after.Content.ReadAsStringAsync());
        Assert.Contains(Gateway.Logs.Lines, l => l.Contains("conformance: exiting mid-invocation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Timeout_Is504_WorkerKilled_NextRequestSucceeds_ConcurrencyCapped()
    {
        // sleep: timeoutSeconds 2, maxConcurrency 2.
        var parallel = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Gateway.Client.GetAsync("/rest/prod/sleep?ms=300")));
        Assert.All(parallel, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var pool = Gateway.Host.Pool("sleep")!;
        Assert.Equal(2, pool.PeakWorkers);
        var pids = (await Task.WhenAll(parallel.Select(r => r.Content.ReadAsStringAsync()))).ToHashSet();
        Assert.InRange(pids.Count, 1, 2);

        using var timedOut = await Gateway.Client.GetAsync("/rest/prod/sleep?ms=8000");
        Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut.StatusCode);

        Assert.Equal(1, pool.WorkerCount);
        var killed = Assert.Single(pool.StartedProcessIds.Except(pool.ProcessIds));
        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(killed));

        using var next = await Gateway.Client.GetAsync("/rest/prod/sleep?ms=0");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.NotEqual(killed.ToString(System.Globalization.CultureInfo.InvariantCulture), await next.Content.ReadAsStringAsync());
        foreach (var response in parallel)
        {
            response.Dispose();
        }
    }
}
