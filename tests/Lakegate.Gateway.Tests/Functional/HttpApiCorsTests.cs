using System.Net;
using System.Text.Json;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Tests.Infrastructure;
using static Lakegate.Gateway.Tests.Infrastructure.Definitions;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>HTTP API CORS: the gateway answers preflights and owns the CORS headers; REST APIs get none added.</summary>
public sealed class HttpApiCorsTests : GatewayTestBase
{
    protected override async Task OnStartedAsync()
    {
        var cors = JsonDocument.Parse("""
            {"allowOrigins": ["https://app.example.com", "https://*.partner.test"], "allowMethods": ["GET", "POST"],
             "allowHeaders": ["content-type", "x-api-key"], "exposeHeaders": ["x-request-id"], "maxAge": 600, "allowCredentials": true}
            """).RootElement.Clone();
        await Gateway.DeployAsync(new LakegateConfig
        {
            Apis =
            [
                new ApiDefinition { Id = "web", Kind = ApiKind.Http, Cors = cors, Routes = [Proxy("GET /data", $"{Backend.BaseUrl}/data")] },
                new ApiDefinition { Id = "rest", Routes = [Proxy("GET /data", $"{Backend.BaseUrl}/data")] },
            ],
            Stages = [Stage("web", "$default"), Stage("rest", "prod")],
        });
    }

    private static HttpRequestMessage Preflight(string path, string origin, string method, string? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (headers is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", headers);
        }

        return request;
    }

    [Fact]
    public async Task Preflight_AllowedOrigin_IsAnsweredByTheGateway_WithoutAnOptionsRoute()
    {
        using var response = await Gateway.Client.SendAsync(Preflight("/web/data", "https://app.example.com", "POST", "Content-Type"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("https://app.example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("GET,POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("content-type,x-api-key", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.Equal("600", response.Headers.GetValues("Access-Control-Max-Age").Single());
        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
    }

    [Theory]
    [InlineData("https://evil.example.com", "GET", null)]
    [InlineData("https://app.example.com", "DELETE", null)]
    [InlineData("https://app.example.com", "GET", "x-secret")]
    public async Task Preflight_NotAllowed_GetsNoCorsHeaders(string origin, string method, string? headers)
    {
        using var response = await Gateway.Client.SendAsync(Preflight("/web/data", origin, method, headers));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ActualRequest_WildcardSubdomainOrigin_GetsConfiguredHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/web/data");
        request.Headers.Add("Origin", "https://shop.partner.test");
        using var response = await Gateway.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://shop.partner.test", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("x-request-id", response.Headers.GetValues("Access-Control-Expose-Headers").Single());
    }

    [Fact]
    public async Task ErrorResponse_AlsoCarriesCorsHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/web/missing");
        request.Headers.Add("Origin", "https://app.example.com");
        using var response = await Gateway.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("https://app.example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task RestApi_AddsNoCorsOfItsOwn()
    {
        using var preflight = await Gateway.Client.SendAsync(Preflight("/rest/prod/data", "https://app.example.com", "GET"));
        Assert.Equal(HttpStatusCode.Forbidden, preflight.StatusCode);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/rest/prod/data");
        request.Headers.Add("Origin", "https://app.example.com");
        using var response = await Gateway.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
