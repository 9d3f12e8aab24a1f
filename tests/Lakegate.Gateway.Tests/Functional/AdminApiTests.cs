using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lakegate.Gateway.Admin;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>The admin API on its own address: token required, deploys refused whole when invalid, canary promotion.</summary>
public sealed class AdminApiTests : GatewayTestBase
{
    private const string Token = "test-admin-token";
    private WebApplication _admin = null!;
    private HttpClient _client = null!;

    protected override async Task OnStartedAsync()
    {
        _admin = AdminHost.Build(new AdminOptions { Token = Token, Urls = ["http://127.0.0.1:0"] }, Gateway.Services, b => b.Logging.ClearProviders());
        await _admin.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(GatewayHost.ListeningAddresses(_admin)[0]) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public override async Task DisposeAsync()
    {
        _client.Dispose();
        await _admin.StopAsync();
        await _admin.DisposeAsync();
        await base.DisposeAsync();
    }

    private string Definition(string version) => $$"""
        version: 1
        apis:
          - id: adm
            routes:
              - route: GET /v
                integration:
                  type: http_proxy
                  uri: {{Backend.BaseUrl}}/{{version}}
            stages:
              - name: prod
        """;

    private async Task<HttpResponseMessage> DeployAsync(string body, string query = "")
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/yaml");
        return await _client.PostAsync("/deployments" + query, content);
    }

    [Fact]
    public async Task WithoutTheToken_EveryEndpointAnswers401()
    {
        using var anonymous = new HttpClient { BaseAddress = _client.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/health")).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/deployments", new StringContent("x"))).StatusCode);
    }

    [Fact]
    public async Task Deploy_ThenTheGatewayServesIt_ThenABadDefinitionIsRefusedWhole()
    {
        using (var first = await DeployAsync(Definition("one")))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        await Gateway.WaitForStoreAsync();
        Assert.Equal("/one", (await Gateway.GetEchoAsync("/adm/prod/v")).Path);

        using var bad = await DeployAsync(Definition("two").Replace("GET /v", "GET /v/{a}b", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var error = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        var reported = error.GetProperty("errors")[0];
        Assert.Equal(5, reported.GetProperty("line").GetInt32());
        Assert.Contains("{a}b", reported.GetProperty("message").GetString(), StringComparison.Ordinal);

        await Gateway.WaitForStoreAsync();
        Assert.Equal("/one", (await Gateway.GetEchoAsync("/adm/prod/v")).Path);
    }

    [Fact]
    public async Task Deploy_FileReferences_AreRefused()
    {
        using var response = await DeployAsync("version: 1\napis:\n  - id: x\n    openapi: /etc/hostname\n    stages: [{name: prod}]\n");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("file references are not allowed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Canary_ThenPromote_ThroughTheAdminApi()
    {
        (await DeployAsync(Definition("one"))).Dispose();
        using (var canary = await DeployAsync(Definition("two"), "?stage=prod&canary=100"))
        {
            Assert.Equal(HttpStatusCode.Created, canary.StatusCode);
        }

        await Gateway.WaitForStoreAsync();
        Assert.Equal("/two", (await Gateway.GetEchoAsync("/adm/prod/v")).Path);
        var stages = await _client.GetFromJsonAsync<JsonElement>("/stages");
        Assert.Equal(100, stages[0].GetProperty("canary").GetProperty("percentTraffic").GetDouble());

        using var promoted = await _client.PostAsync("/stages/adm/prod/promote", null);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        using var again = await _client.PostAsync("/stages/adm/prod/promote", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
