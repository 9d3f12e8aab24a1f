using System.Net;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Tests.Infrastructure;
using static Lakegate.Gateway.Tests.Infrastructure.Definitions;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>Route precedence and miss semantics through a real gateway and backend.</summary>
public sealed class RoutingTests : GatewayTestBase
{
    protected override async Task OnStartedAsync()
    {
        var b = Backend.BaseUrl;

        // Each route tells which one served through the backend path it forwards to.
        var rest = new ApiDefinition
        {
            Id = "shop",
            Routes =
            [
                Proxy("GET /items", $"{b}/r/items"),
                Proxy("GET /items/special", $"{b}/r/literal"),
                Proxy("GET /items/{id}", $"{b}/r/param/{{id}}"),
                Proxy("ANY /items/{id}", $"{b}/r/param-any/{{id}}"),
                Proxy("GET /items/{id}/parts/{part}", $"{b}/r/part/{{id}}/{{part}}"),
                Proxy("ANY /{proxy+}", $"{b}/r/greedy/{{proxy}}"),
                Proxy("GET /only-get", $"{b}/r/only-get"),
                Proxy("GET /", $"{b}/r/root"),
            ],
        };
        var http = new ApiDefinition
        {
            Id = "httpapi",
            Kind = ApiKind.Http,
            Routes =
            [
                Proxy("GET /items/{id}", $"{b}/h/item/{{id}}"),
                Proxy("POST /items/{proxy+}", $"{b}/h/greedy-post/{{proxy}}"),
                Proxy("$default", $"{b}/h/default"),
            ],
        };
        await Gateway.DeployAsync(new LakegateConfig
        {
            Apis = [rest, http],
            Stages = [Stage("shop", "prod"), Stage("httpapi", "$default")],
        });
    }

    [Theory]
    [InlineData("GET", "/shop/prod/items", "/r/items")]
    [InlineData("GET", "/shop/prod/items/", "/r/items")]
    [InlineData("GET", "/shop/prod/items/special", "/r/literal")]
    [InlineData("GET", "/shop/prod/items/42", "/r/param/42")]
    [InlineData("DELETE", "/shop/prod/items/42", "/r/param-any/42")]
    [InlineData("GET", "/shop/prod/items/42/parts/7", "/r/part/42/7")]
    [InlineData("GET", "/shop/prod/items/42/other", "/r/greedy/items/42/other")]
    [InlineData("POST", "/shop/prod/a/b/c", "/r/greedy/a/b/c")]
    [InlineData("GET", "/shop/prod", "/r/root")]
    [InlineData("GET", "/shop/prod/items/a%2Fb", "/r/param/a%2Fb")]
    [InlineData("GET", "/shop/prod/items/caf%C3%A9", "/r/param/caf%C3%A9")]
    [InlineData("GET", "/shop/prod/items/x/../special", "/r/literal")]
    public async Task Rest_PrecedenceTable_PicksMostSpecificRoute(string method, string path, string backendPath)
    {
        using var response = await Gateway.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode} {body}");
        var echo = System.Text.Json.JsonSerializer.Deserialize<Echo>(body)!;
        Assert.Equal(backendPath, echo.RawTarget);
    }

    [Fact]
    public async Task Rest_EncodedSlashInParameter_StaysInOneSegment()
    {
        // %2F must not split the segment: /items/{id} matches, not /items/{id}/parts/{part}.
        var echo = await Gateway.GetEchoAsync("/shop/prod/items/a%2Fparts%2Fb");
        Assert.Equal("/r/param/a%2Fparts%2Fb", echo.RawTarget);
    }

    [Theory]
    [InlineData("POST", "/shop/prod/only-get")]
    [InlineData("GET", "/shop/nostage/items")]
    [InlineData("GET", "/nosuchapi/prod/items")]
    [InlineData("POST", "/shop/prod")]
    public async Task Rest_UnmatchedPathOrMethod_Answers403MissingAuthenticationToken(string method, string path)
    {
        using var response = await Gateway.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"message\":\"Missing Authentication Token\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal("MissingAuthenticationTokenException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("GET", "/httpapi/items/9", "/h/item/9")]
    [InlineData("POST", "/httpapi/items/9/x", "/h/greedy-post/9/x")]
    [InlineData("POST", "/httpapi/items/9", "/h/greedy-post/9")]
    [InlineData("DELETE", "/httpapi/items/9", "/h/default/items/9")]
    [InlineData("GET", "/httpapi/anything/else", "/h/default/anything/else")]
    [InlineData("GET", "/httpapi/$default/items/9", "/h/item/9")]
    public async Task Http_RouteKeys_MethodAwareWithDefaultFallback(string method, string path, string backendPath)
    {
        using var response = await Gateway.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode} {body}");
        Assert.Equal(backendPath, System.Text.Json.JsonSerializer.Deserialize<Echo>(body)!.RawTarget);
        Assert.True(response.Headers.Contains("apigw-requestid"));
    }

    [Fact]
    public async Task Http_NoRouteAndNoDefault_Answers404NotFound()
    {
        var config = new LakegateConfig
        {
            Apis = [new ApiDefinition { Id = "strict", Kind = ApiKind.Http, Routes = [Proxy("GET /a", $"{Backend.BaseUrl}/a")] }],
            Stages = [Stage("strict", "v1")],
        };
        await Gateway.DeployAsync(config);

        foreach (var path in new[] { "/strict/v1/b", "/strict/v2/a" })
        {
            using var response = await Gateway.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("{\"message\":\"Not Found\"}", await response.Content.ReadAsStringAsync());
            Assert.False(response.Headers.Contains("x-amzn-ErrorType"));
        }
    }

    [Fact]
    public async Task DatasetOrSqlRoute_WhoseNameThisNodeDoesNotDeclare_Answers500()
    {
        var config = new LakegateConfig
        {
            Apis = [new ApiDefinition { Id = "later", Routes = [Route("GET /data", IntegrationType.Dataset), Route("GET /sql", IntegrationType.Sql)] }],
            Stages = [Stage("later", "prod")],
        };
        await Gateway.DeployAsync(config);

        // A dataset route whose dataset this node does not declare.
        using var data = await Gateway.Client.GetAsync("/later/prod/data");
        Assert.Equal(HttpStatusCode.InternalServerError, data.StatusCode);

        using var sql = await Gateway.Client.GetAsync("/later/prod/sql");
        Assert.Equal(HttpStatusCode.InternalServerError, sql.StatusCode);
        // A sql route whose query this node does not declare; the reason is logged, the caller sees API Gateway's 500.
        Assert.Equal("""{"message":"Internal server error"}""", await sql.Content.ReadAsStringAsync());
    }
}
