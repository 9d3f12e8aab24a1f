using System.Net;
using System.Text;
using System.Text.Json;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Tests.Infrastructure;
using static Lakegate.Gateway.Tests.Infrastructure.Definitions;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>MOCK and HTTP (non-proxy) integrations with mapping templates, parameter mappings and integration responses.</summary>
public sealed class MappingIntegrationTests : GatewayTestBase
{
    private static RouteDefinition Mock(string routeKey, string requestTemplate, params IntegrationResponseDefinition[] responses) =>
        Route(routeKey, new IntegrationDefinition
        {
            Type = IntegrationType.Mock,
            RequestTemplates = new Dictionary<string, string> { ["application/json"] = requestTemplate },
            Responses = responses,
        });

    private static RouteDefinition Route(string routeKey, IntegrationDefinition integration)
    {
        var space = routeKey.IndexOf(' ');
        return new RouteDefinition { Method = routeKey[..space], Path = routeKey[(space + 1)..], Integration = integration };
    }

    private static IntegrationResponseDefinition Response(string status, string? pattern = null, string? template = null,
        Dictionary<string, string>? parameters = null) => new()
    {
        StatusCode = status,
        SelectionPattern = pattern,
        ResponseTemplates = template is null ? Empty.Strings : new Dictionary<string, string> { ["application/json"] = template },
        ResponseParameters = parameters ?? new Dictionary<string, string>(),
    };

    protected override async Task OnStartedAsync()
    {
        var b = Backend.BaseUrl;
        var api = new ApiDefinition
        {
            Id = "map",
            Routes =
            [
                Mock("GET /mock/{id}",
                    "#if($input.params('fail') == 'yes'){\"statusCode\": 404}#else{\"statusCode\": 200}#end",
                    Response("200", template: "{\"id\": \"$input.params('id')\", \"q\": \"$input.params('q')\", \"stage\": \"$context.stage\", \"v\": \"$stageVariables.v\", \"rid\": \"$context.requestId\"}",
                        parameters: new() { ["method.response.header.X-Static"] = "'yes'", ["method.response.header.X-Stage"] = "context.stage" }),
                    Response("404", pattern: "404", template: "{\"message\": \"no item $input.params('id')\"}")),
                Mock("GET /teapot",
                    "{\"statusCode\": 200}",
                    Response("200", template: "#set($context.responseOverride.status = 418)#set($context.responseOverride.header.X-Teapot = 'short')tea")),
                Mock("GET /bomb", "{\"statusCode\": 200}", Response("200", template: "#foreach($i in [1..100000])x#end")),
                Mock("GET /nomatch", "{\"statusCode\": 503}", Response("200", pattern: "2\\d{2}")),
                Mock("GET /badstatus", "{\"code\": 200}", Response("200")),
                Route("POST /http/{item}", new IntegrationDefinition
                {
                    Type = IntegrationType.Http,
                    Uri = $"{b}/backend/{{item}}",
                    HttpMethod = "PUT",
                    RequestParameters = new Dictionary<string, string>
                    {
                        ["integration.request.header.X-From"] = "method.request.header.X-Client",
                        ["integration.request.querystring.source"] = "'gateway'",
                        ["integration.request.header.X-Name"] = "method.request.body.name",
                    },
                    RequestTemplates = new Dictionary<string, string>
                    {
                        ["application/json"] = "#set($context.requestOverride.header.X-Over = 'o'){\"wrapped\": $input.json('$'), \"n\": \"$input.path('$.name')\"}",
                    },
                    PassthroughBehavior = "WHEN_NO_TEMPLATES",
                    Responses =
                    [
                        Response("200", template: "{\"backendSaw\": $input.json('$.Body'), \"method\": \"$input.path('$.Method')\", \"path\": \"$input.path('$.RawTarget')\", \"over\": \"$input.path(\"$.Headers['X-Over']\")\", \"from\": \"$input.path(\"$.Headers['X-From']\")\", \"name\": \"$input.path(\"$.Headers['X-Name']\")\"}",
                            parameters: new() { ["method.response.header.X-Backend"] = "integration.response.header.x-backend" }),
                    ],
                }),
                Route("GET /status/{code}", new IntegrationDefinition
                {
                    Type = IntegrationType.Http,
                    Uri = $"{b}/status/{{code}}",
                    HttpMethod = "GET",
                    Responses =
                    [
                        Response("200"),
                        Response("400", pattern: "4\\d{2}", template: "{\"clientError\": \"$input.path('$.Path')\"}"),
                        Response("502", pattern: "5\\d{2}"),
                    ],
                }),
                Route("GET /files/{proxy+}", new IntegrationDefinition
                {
                    Type = IntegrationType.Http,
                    Uri = $"{b}/files/{{proxy}}",
                    HttpMethod = "GET",
                    Responses = [Response("200")],
                }),
                Route("POST /passthrough", new IntegrationDefinition
                {
                    Type = IntegrationType.Http,
                    Uri = $"{b}/pass",
                    HttpMethod = "POST",
                    Responses = [Response("200")],
                }),
                Route("POST /never", new IntegrationDefinition
                {
                    Type = IntegrationType.Http,
                    Uri = $"{b}/never",
                    HttpMethod = "POST",
                    PassthroughBehavior = "NEVER",
                    Responses = [Response("200")],
                }),
                Route("GET /slow", new IntegrationDefinition
                {
                    Type = IntegrationType.Http,
                    Uri = $"{b}/slow/3000",
                    HttpMethod = "GET",
                    TimeoutInMillis = 200,
                    Responses = [Response("200")],
                }),
            ],
        };
        await Gateway.DeployAsync(Config(api, Stage("map", "prod", new Dictionary<string, string> { ["v"] = "7" })));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Mock_RendersResponseTemplateWithParamsContextAndStageVariables()
    {
        using var response = await Gateway.Client.GetAsync("/map/prod/mock/42?q=hello");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("yes", response.Headers.GetValues("X-Static").Single());
        Assert.Equal("prod", response.Headers.GetValues("X-Stage").Single());
        var body = await JsonAsync(response);
        Assert.Equal("42", body.GetProperty("id").GetString());
        Assert.Equal("hello", body.GetProperty("q").GetString());
        Assert.Equal("prod", body.GetProperty("stage").GetString());
        Assert.Equal("7", body.GetProperty("v").GetString());
        Assert.Equal(response.Headers.GetValues("x-amzn-RequestId").Single(), body.GetProperty("rid").GetString());
    }

    [Fact]
    public async Task Mock_StatusFromRequestTemplate_SelectsTheIntegrationResponse()
    {
        using var response = await Gateway.Client.GetAsync("/map/prod/mock/9?fail=yes");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no item 9", (await JsonAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Mock_ResponseOverrides_SetStatusAndHeader()
    {
        using var response = await Gateway.Client.GetAsync("/map/prod/teapot");
        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("short", response.Headers.GetValues("X-Teapot").Single());
        Assert.Equal("tea", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/map/prod/bomb")]
    [InlineData("/map/prod/nomatch")]
    [InlineData("/map/prod/badstatus")]
    public async Task Mock_TemplateOrSelectionFailure_Answers500WithoutDetails(string path)
    {
        using var response = await Gateway.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("{\"message\":\"Internal server error\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Http_RequestTemplateMappingsAndOverrides_ReachTheBackend_ResponseIsMapped()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/map/prod/http/a%20b?ignored=1")
        {
            Content = new StringContent("{\"name\": \"widget\", \"size\": 3}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Client", "tests");
        request.Headers.Add("X-Not-Mapped", "dropped");
        using var response = await Gateway.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("backend", response.Headers.GetValues("X-Backend").Single());

        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("PUT", body.GetProperty("method").GetString());
        Assert.Equal("/backend/a%20b?source=gateway", body.GetProperty("path").GetString());
        Assert.Equal("o", body.GetProperty("over").GetString());
        Assert.Equal("tests", body.GetProperty("from").GetString());
        Assert.Equal("widget", body.GetProperty("name").GetString());
        var sent = JsonDocument.Parse(body.GetProperty("backendSaw").GetString()!).RootElement;
        Assert.Equal(3, sent.GetProperty("wrapped").GetProperty("size").GetInt32());
        Assert.Equal("widget", sent.GetProperty("n").GetString());
    }

    [Fact]
    public async Task Http_WhenNoTemplates_UnmatchedContentType_Answers415()
    {
        using var response = await Gateway.Client.PostAsync("/map/prod/http/x", new StringContent("plain", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("{\"message\":\"Unsupported Media Type\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Http_Never_WithoutTemplates_Answers415()
    {
        using var response = await Gateway.Client.PostAsync("/map/prod/never", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Http_WhenNoMatch_PassesTheBodyThrough()
    {
        using var response = await Gateway.Client.PostAsync("/map/prod/passthrough", new StringContent("a=1&b=2", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = JsonSerializer.Deserialize<Echo>(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("a=1&b=2", echo.Body);
        Assert.StartsWith("application/x-www-form-urlencoded", echo.Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("200", HttpStatusCode.OK)]
    [InlineData("404", HttpStatusCode.BadRequest)]
    [InlineData("503", HttpStatusCode.BadGateway)]
    public async Task Http_SelectionPattern_MatchesTheWholeBackendStatus(string backendStatus, HttpStatusCode expected)
    {
        using var response = await Gateway.Client.GetAsync($"/map/prod/status/{backendStatus}");
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Equal("/status/404", (await JsonAsync(response)).GetProperty("clientError").GetString());
        }
    }

    [Fact]
    public async Task Http_GreedyPath_KeepsAnEncodedSlashInsideItsSegment()
    {
        using var response = await Gateway.Client.GetAsync("/map/prod/files/a%2Fb/c");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/files/a%2Fb/c", JsonSerializer.Deserialize<Echo>(await response.Content.ReadAsStringAsync())!.RawTarget);
    }

    [Fact]
    public async Task Http_SlowBackend_Answers504()
    {
        using var response = await Gateway.Client.GetAsync("/map/prod/slow");
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }
}
