using System.Net;
using System.Net.Http.Json;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Tests.Infrastructure;
using static Lakegate.Gateway.Tests.Infrastructure.Definitions;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>Host-style, path-style and custom-domain invoke URLs (DESIGN.md §6).</summary>
public sealed class InvokeUrlTests : GatewayTestBase
{
    protected override async Task OnStartedAsync()
    {
        var b = Backend.BaseUrl;
        await Gateway.DeployAsync(new LakegateConfig
        {
            Apis =
            [
                new ApiDefinition { Id = "orders", Routes = [Proxy("GET /list", $"{b}/orders/${{stageVariables.tag}}")] },
                new ApiDefinition { Id = "users", Routes = [Proxy("GET /{id}", $"{b}/users/{{id}}")] },
            ],
            Stages =
            [
                Stage("orders", "prod", new Dictionary<string, string> { ["tag"] = "p" }),
                Stage("orders", "dev", new Dictionary<string, string> { ["tag"] = "d" }),
                Stage("users", "prod"),
            ],
            Domains =
            [
                new DomainDefinition
                {
                    Name = "api.example.test",
                    Mappings =
                    [
                        new BasePathMappingDefinition { BasePath = "", ApiId = "orders", Stage = "dev" },
                        new BasePathMappingDefinition { BasePath = "people", ApiId = "users", Stage = "prod" },
                        new BasePathMappingDefinition { BasePath = "v2/orders", ApiId = "orders", Stage = "prod" },
                    ],
                },
            ],
        });
    }

    private async Task<(HttpStatusCode Status, string? Path)> GetAsync(string host, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        using var response = await Gateway.Client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK
            ? (response.StatusCode, (await response.Content.ReadFromJsonAsync<Echo>())!.Path)
            : (response.StatusCode, null);
    }

    [Theory]
    [InlineData("orders.execute-api.us-east-1.amazonaws.com", "/prod/list", "/orders/p")]
    [InlineData("orders.execute-api.localhost", "/dev/list", "/orders/d")]
    [InlineData("localhost", "/orders/prod/list", "/orders/p")]
    [InlineData("gateway.internal", "/users/prod/42", "/users/42")]
    [InlineData("api.example.test", "/list", "/orders/d")]
    [InlineData("API.Example.Test", "/list", "/orders/d")]
    [InlineData("api.example.test", "/people/7", "/users/7")]
    [InlineData("api.example.test", "/v2/orders/list", "/orders/p")]
    public async Task InvokeUrl_ResolvesApiAndStage(string host, string path, string backendPath)
    {
        var (status, echoed) = await GetAsync(host, path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(backendPath, echoed);
    }

    [Theory]
    [InlineData("orders.execute-api.localhost", "/test/list")]
    [InlineData("nosuch.execute-api.localhost", "/prod/list")]
    [InlineData("api.example.test", "/dev/list")]
    public async Task InvokeUrl_UnknownApiOrStage_Answers403(string host, string path)
    {
        var (status, _) = await GetAsync(host, path);
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}
