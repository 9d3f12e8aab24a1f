using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lakegate.Core.Definitions;

namespace Lakegate.Gateway.Tests.Functions;

/// <summary>AWS_PROXY through a real gateway and real Node workers: events (1.0 and 2.0) and response handling.</summary>
public sealed class FunctionProxyTests : IAsyncLifetime
{
    private FunctionGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        // Workers get a clean environment: nothing of the gateway's own (store passwords, tokens) leaks in.
        Environment.SetEnvironmentVariable("LAKEGATE_SECRET", "gateway-only");
        _gateway = await FunctionGateway.StartAsync([FunctionGateway.Worker("router", environment: new Dictionary<string, string> { ["CUSTOM_VAR"] = "custom" })]);
        var rest = new ApiDefinition
        {
            Id = "shop",
            BinaryMediaTypes = ["image/png"],
            Routes =
            [
                FunctionGateway.Route("ANY /items/{id}", "router"),
                FunctionGateway.Route("ANY /{proxy+}", "router"),
                new RouteDefinition
                {
                    Method = "GET",
                    Path = "/by-arn",
                    Integration = new IntegrationDefinition
                    {
                        Type = IntegrationType.AwsProxy,
                        HttpMethod = "POST",
                        Uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}:live/invocations",
                    },
                },
            ],
        };
        var httpApi = new ApiDefinition
        {
            Id = "edge",
            Kind = ApiKind.Http,
            Routes = [FunctionGateway.Route("ANY /items/{id}", "router"), FunctionGateway.Route("$default", "router")],
        };
        var httpV1 = new ApiDefinition { Id = "edgev1", Kind = ApiKind.Http, Routes = [FunctionGateway.Route("$default", "router", payloadFormatVersion: "1.0")] };
        await _gateway.DeployAsync(new LakegateConfig
        {
            Apis = [rest, httpApi, httpV1],
            Stages =
            [
                new StageDefinition { ApiId = "shop", Name = "prod", Variables = new Dictionary<string, string> { ["color"] = "blue", ["fn"] = "router" } },
                new StageDefinition { ApiId = "edge", Name = StageDefinition.DefaultStageName },
                new StageDefinition { ApiId = "edgev1", Name = StageDefinition.DefaultStageName },
            ],
        });
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private static async Task<JsonElement> EchoAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task RestEvent_HasPayload10Fields()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/shop/prod/items/42?a=1&a=2&b=x%20y");
        request.Headers.Add("X-Tag", ["one", "two"]);
        request.Headers.UserAgent.ParseAdd("lakegate-test/1");
        using var response = await _gateway.Client.SendAsync(request);
        var echo = await EchoAsync(response);
        var e = echo.GetProperty("event");

        Assert.False(e.TryGetProperty("version", out _));
        Assert.Equal("/items/{id}", e.GetProperty("resource").GetString());
        Assert.Equal("/items/42", e.GetProperty("path").GetString());
        Assert.Equal("GET", e.GetProperty("httpMethod").GetString());
        Assert.Equal("42", e.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal("2", e.GetProperty("queryStringParameters").GetProperty("a").GetString());
        Assert.Equal("x y", e.GetProperty("queryStringParameters").GetProperty("b").GetString());
        Assert.Equal(2, e.GetProperty("multiValueQueryStringParameters").GetProperty("a").GetArrayLength());
        Assert.Equal("blue", e.GetProperty("stageVariables").GetProperty("color").GetString());
        Assert.Null(echo.GetProperty("env").GetProperty("LAKEGATE_SECRET").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("body").ValueKind);
        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal("one, two", e.GetProperty("headers").GetProperty("X-Tag").GetString());

        var c = e.GetProperty("requestContext");
        Assert.Equal("/prod/items/42", c.GetProperty("path").GetString());
        Assert.Equal("/items/{id}", c.GetProperty("resourcePath").GetString());
        Assert.Equal("shop", c.GetProperty("apiId").GetString());
        Assert.Equal("prod", c.GetProperty("stage").GetString());
        Assert.Equal(response.Headers.GetValues("x-amzn-RequestId").Single(), c.GetProperty("requestId").GetString());
        Assert.Equal("127.0.0.1", c.GetProperty("identity").GetProperty("sourceIp").GetString());
        Assert.Equal("lakegate-test/1", c.GetProperty("identity").GetProperty("userAgent").GetString());
        Assert.Matches(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$", c.GetProperty("requestTime").GetString());
        Assert.True(c.GetProperty("requestTimeEpoch").GetInt64() > 1_600_000_000_000);
        Assert.False(string.IsNullOrEmpty(c.GetProperty("deploymentId").GetString()));

        // The runtime side: Lambda's variables, a clean environment, the Runtime API headers.
        var env = echo.GetProperty("env");
        Assert.Equal("router", env.GetProperty("AWS_LAMBDA_FUNCTION_NAME").GetString());
        Assert.Equal("$LATEST", env.GetProperty("AWS_LAMBDA_FUNCTION_VERSION").GetString());
        Assert.Equal("256", env.GetProperty("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").GetString());
        Assert.Equal("runtime.router", env.GetProperty("_HANDLER").GetString());
        Assert.Equal(FunctionGateway.WorkerDirectory, env.GetProperty("LAMBDA_TASK_ROOT").GetString());
        Assert.Equal("us-east-1", env.GetProperty("AWS_REGION").GetString());
        Assert.Equal(":UTC", env.GetProperty("TZ").GetString());
        Assert.Equal("custom", env.GetProperty("CUSTOM_VAR").GetString());
        Assert.Matches(@"^127\.0\.0\.1:\d+$", env.GetProperty("AWS_LAMBDA_RUNTIME_API").GetString());
        var context = echo.GetProperty("context");
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:router", context.GetProperty("invokedFunctionArn").GetString());
        Assert.StartsWith("Root=1-", context.GetProperty("traceId").GetString(), StringComparison.Ordinal);
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(context.GetProperty("deadlineMs").GetInt64());
        Assert.InRange(deadline - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(3.5));
    }

    [Fact]
    public async Task RestEvent_RepeatedHeaderLines_LastValueAndMultiValueHeaders()
    {
        // HttpClient folds repeated headers into one line; send two real lines.
        var uri = new Uri(_gateway.BaseUrl);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        var raw = $"GET /shop/prod/items/7 HTTP/1.1\r\nHost: {uri.Authority}\r\nX-Tag: one\r\nX-Tag: two\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(raw));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var e = JsonDocument.Parse(text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]).RootElement.GetProperty("event");

        Assert.StartsWith("HTTP/1.1 200", text, StringComparison.Ordinal);
        Assert.Equal("two", e.GetProperty("headers").GetProperty("X-Tag").GetString());
        Assert.Equal(["one", "two"], e.GetProperty("multiValueHeaders").GetProperty("X-Tag").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task LambdaInvocationUri_WithAStageVariable_ResolvesToTheDeclaredFunction()
    {
        using var response = await _gateway.Client.GetAsync("/shop/prod/by-arn");
        var echo = await EchoAsync(response);

        Assert.Equal("/by-arn", echo.GetProperty("event").GetProperty("resource").GetString());
        Assert.Equal("router", echo.GetProperty("env").GetProperty("AWS_LAMBDA_FUNCTION_NAME").GetString());
    }

    [Fact]
    public async Task RestEvent_BinaryRequestBody_IsBase64WhenContentTypeIsABinaryMediaType()
    {
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF };
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var response = await _gateway.Client.PostAsync("/shop/prod/upload", content);
        var e = (await EchoAsync(response)).GetProperty("event");

        Assert.True(e.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(bytes, Convert.FromBase64String(e.GetProperty("body").GetString()!));
        Assert.Equal("/{proxy+}", e.GetProperty("resource").GetString());
        Assert.Equal("upload", e.GetProperty("pathParameters").GetProperty("proxy").GetString());
    }

    [Fact]
    public async Task HttpApiEvent_HasPayload20Fields()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/edge/items/42?a=1&a=2")
        {
            Content = new StringContent("{\"k\":1}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Cookie", "c1=v1; c2=v2");
        request.Headers.Add("X-Tag", ["one", "two"]);
        using var response = await _gateway.Client.SendAsync(request);
        var e = (await EchoAsync(response)).GetProperty("event");

        Assert.Equal("2.0", e.GetProperty("version").GetString());
        Assert.Equal("ANY /items/{id}", e.GetProperty("routeKey").GetString());
        Assert.Equal("/items/42", e.GetProperty("rawPath").GetString());
        Assert.Equal("a=1&a=2", e.GetProperty("rawQueryString").GetString());
        Assert.Equal(["c1=v1", "c2=v2"], e.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("one, two", e.GetProperty("headers").GetProperty("x-tag").GetString());
        Assert.Equal("1,2", e.GetProperty("queryStringParameters").GetProperty("a").GetString());
        Assert.Equal("42", e.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal("{\"k\":1}", e.GetProperty("body").GetString());
        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());
        var c = e.GetProperty("requestContext");
        Assert.Equal("$default", c.GetProperty("stage").GetString());
        Assert.Equal("POST", c.GetProperty("http").GetProperty("method").GetString());
        Assert.Equal("/items/42", c.GetProperty("http").GetProperty("path").GetString());
        Assert.Equal(response.Headers.GetValues("apigw-requestid").Single(), c.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task HttpApiPayload10_HasVersion10AndTheRestShape()
    {
        using var response = await _gateway.Client.GetAsync("/edgev1/anything/here");
        var e = (await EchoAsync(response)).GetProperty("event");

        Assert.Equal("1.0", e.GetProperty("version").GetString());
        Assert.Equal("/anything/here", e.GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("queryStringParameters").ValueKind);
    }

    [Theory]
    [InlineData("/shop/prod/malformed", "{\"message\":\"Internal server error\"}")]
    [InlineData("/shop/prod/raw", "{\"message\":\"Internal server error\"}")]
    [InlineData("/shop/prod/throws", "{\"message\":\"Internal server error\"}")]
    [InlineData("/edge/raw", "{\"message\":\"Internal Server Error\"}")]
    [InlineData("/edge/throws", "{\"message\":\"Internal Server Error\"}")]
    public async Task MalformedResultOrFunctionError_Answers502(string path, string body)
    {
        using var response = await _gateway.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RestResult_StatusHeadersAndMultiValueHeaders_AreWritten()
    {
        using var response = await _gateway.Client.GetAsync("/shop/prod/status");

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal(["one", "two"], response.Headers.GetValues("X-Multi"));
        Assert.Equal("true", response.Headers.GetValues("X-Single").Single());
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("teapot", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RestBinaryResult_DecodedOnlyWhenAcceptMatchesBinaryMediaTypes()
    {
        using var binary = new HttpRequestMessage(HttpMethod.Get, "/shop/prod/binary");
        binary.Headers.Accept.ParseAdd("image/png");
        using var decoded = await _gateway.Client.SendAsync(binary);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF }, await decoded.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", decoded.Content.Headers.ContentType!.MediaType);

        using var text = await _gateway.Client.GetAsync("/shop/prod/binary");
        Assert.Equal(Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF]), await text.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HttpApiResult_CookiesAndBase64_AreApplied()
    {
        using var cookies = await _gateway.Client.GetAsync("/edge/cookies");
        Assert.Equal(HttpStatusCode.Created, cookies.StatusCode);
        Assert.Equal(["a=1", "b=2; Path=/"], cookies.Headers.GetValues("Set-Cookie"));

        using var binary = await _gateway.Client.GetAsync("/edge/binary");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF }, await binary.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HttpApiShorthandResult_Is200WithTheJsonAsBody()
    {
        using var response = await _gateway.Client.GetAsync("/edge/shorthand");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("{\"message\":\"hi\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WorkerOutput_ReachesTheGatewayLogWithTheRequestId()
    {
        using var response = await _gateway.Client.GetAsync("/shop/prod/pid");
        var pid = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        string? line = null;
        while (line is null && DateTime.UtcNow < deadline)
        {
            line = _gateway.Logs.Lines.FirstOrDefault(l => l.Contains($"serving from {pid}", StringComparison.Ordinal));
            if (line is null)
            {
                await Task.Delay(20);
            }
        }

        Assert.NotNull(line);
        Assert.Matches(@"^Lakegate\.Functions: \[router\] [0-9a-f-]{36} stdout: serving from \d+$", line);
    }
}
