using System.Net;
using System.Text;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Tests.Infrastructure;
using static Lakegate.Gateway.Tests.Infrastructure.Definitions;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>HTTP_PROXY behaviour against a real backend: templates, stage variables, headers, streaming, failures.</summary>
public sealed class HttpProxyTests : GatewayTestBase
{
    protected override async Task OnStartedAsync()
    {
        var api = new ApiDefinition
        {
            Id = "px",
            Routes =
            [
                Proxy("ANY /svc/{proxy+}", "http://${stageVariables.host}/v/${stageVariables.version}/{proxy}"),
                Proxy("GET /mapped/{id}", $"{Backend.BaseUrl}/m/{{item}}", requestParameters: new Dictionary<string, string>
                {
                    ["integration.request.path.item"] = "method.request.path.id",
                    ["integration.request.header.X-Stage"] = "context.stage",
                    ["integration.request.header.X-Static"] = "'fixed'",
                    ["integration.request.querystring.from"] = "method.request.header.X-From",
                }),
                Proxy("GET /slow/{ms}", $"{Backend.BaseUrl}/slow/{{ms}}", timeoutMs: 300),
                Proxy("GET /status/{code}", $"{Backend.BaseUrl}/status/{{code}}"),
                Proxy("GET /stream", $"{Backend.BaseUrl}/stream"),
                Proxy("GET /down", "http://127.0.0.1:1/nothing-listens-here"),
                Proxy("POST /upload", $"{Backend.BaseUrl}/upload"),
            ],
        };
        await Gateway.DeployAsync(Config(api, Stage("px", "prod", new Dictionary<string, string>
        {
            ["host"] = Backend.Authority,
            ["version"] = "v2",
        })));
    }

    [Fact]
    public async Task StageVariablesAndGreedyProxy_ExpandIntoBackendUri()
    {
        var echo = await Gateway.GetEchoAsync("/px/prod/svc/a/b%20c/d?x=1&x=2&y=%2F");
        Assert.Equal("/v/v2/a/b%20c/d?x=1&x=2&y=%2F", echo.RawTarget);
        Assert.Equal("GET", echo.Method);
    }

    [Fact]
    public async Task ProxyPath_EncodedSlashAndDots_StayInsideOneSegmentAtTheBackend()
    {
        // "%2F..%2F" decodes into one segment "/../"; towards the backend it is encoded again,
        // so the backend sees no dot segment and no extra slash.
        var echo = await Gateway.GetEchoAsync("/px/prod/svc/a%2F..%2F..%2Fsecret/z");
        Assert.Equal("/v/v2/a%2F..%2F..%2Fsecret/z", echo.RawTarget);
    }

    [Fact]
    public async Task RequestParameters_MapPathHeaderQueryAndContext()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/px/prod/mapped/7");
        request.Headers.Add("X-From", "tests");
        using var response = await Gateway.Client.SendAsync(request);
        var echo = (await System.Text.Json.JsonSerializer.DeserializeAsync<Echo>(await response.Content.ReadAsStreamAsync()))!;
        Assert.Equal("/m/7?from=tests", echo.RawTarget);
        Assert.Equal("prod", echo.Headers["X-Stage"]);
        Assert.Equal("fixed", echo.Headers["X-Static"]);
    }

    [Fact]
    public async Task ForwardedHeadersAndRequestId_AreAdded_HopByHopDropped()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/px/prod/svc/echo");
        request.Content = new StringContent("payload", Encoding.UTF8, "text/plain");
        request.Headers.TryAddWithoutValidation("Keep-Alive", "timeout=5");
        request.Headers.TryAddWithoutValidation("X-Custom", "kept");
        using var response = await Gateway.Client.SendAsync(request);
        var echo = (await System.Text.Json.JsonSerializer.DeserializeAsync<Echo>(await response.Content.ReadAsStreamAsync()))!;
        Assert.Equal("POST", echo.Method);
        Assert.Equal("payload", echo.Body);
        Assert.Equal("127.0.0.1", echo.Headers["X-Forwarded-For"]);
        Assert.Equal("http", echo.Headers["X-Forwarded-Proto"]);
        Assert.Equal(Gateway.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), echo.Headers["X-Forwarded-Port"]);
        Assert.Equal("kept", echo.Headers["X-Custom"]);
        Assert.False(echo.Headers.ContainsKey("Keep-Alive"));
        Assert.Equal(Backend.Authority, echo.Headers["Host"]);
        Assert.True(Guid.TryParse(response.Headers.GetValues("x-amzn-RequestId").Single(), out _));
        Assert.Equal("backend", response.Headers.GetValues("x-backend").Single());
    }

    [Fact]
    public async Task BackendStatus_IsPassedThrough()
    {
        using var response = await Gateway.Client.GetAsync("/px/prod/status/418");
        Assert.Equal((HttpStatusCode)418, response.StatusCode);
    }

    [Fact]
    public async Task SlowBackend_Answers504IntegrationTimeout()
    {
        using var response = await Gateway.Client.GetAsync("/px/prod/slow/3000");
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("{\"message\":\"Endpoint request timed out\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal("InternalServerErrorException", response.Headers.GetValues("x-amzn-ErrorType").Single());

        using var fast = await Gateway.Client.GetAsync("/px/prod/slow/10");
        Assert.Equal(HttpStatusCode.OK, fast.StatusCode);
    }

    [Fact]
    public async Task UnreachableBackend_Answers502()
    {
        using var response = await Gateway.Client.GetAsync("/px/prod/down");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("{\"message\":\"Internal server error\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StreamedResponse_ArrivesWhole()
    {
        var body = await Gateway.Client.GetStringAsync("/px/prod/stream");
        Assert.Equal("chunk0\nchunk1\nchunk2\nchunk3\nchunk4\n", body);
    }
}
