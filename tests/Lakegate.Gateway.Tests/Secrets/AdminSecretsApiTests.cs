using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lakegate.Gateway.Admin;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Secrets;
using Lakegate.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Tests.Secrets;

/// <summary>The admin API's secrets and access keys: values go in, only metadata comes out; an access key's secret once.</summary>
public sealed class AdminSecretsApiTests : GatewayTestBase
{
    private const string Token = "test-admin-token";
    private WebApplication _admin = null!;
    private HttpClient _client = null!;

    protected override Task<TestGateway> StartGatewayAsync() => TestGateway.StartAsync(configure: o => o.MasterKey = MasterKey.Parse(MasterKey.Generate(), "test"));

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

    [Fact]
    public async Task PutThenRead_NeverReturnsTheValue()
    {
        using var first = await _client.PutAsJsonAsync("/secrets/team/db", new { value = "hidden-value-1", description = "db" });
        using var second = await _client.PutAsJsonAsync("/secrets/team/db", new { value = "hidden-value-2" });
        using var one = await _client.GetAsync("/secrets/team/db");
        using var all = await _client.GetAsync("/secrets");
        using var missing = await _client.GetAsync("/secrets/absent");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var texts = new[] { await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync(), await one.Content.ReadAsStringAsync(), await all.Content.ReadAsStringAsync() };
        Assert.All(texts, t => Assert.DoesNotContain("hidden-value", t, StringComparison.Ordinal));
        var described = JsonDocument.Parse(texts[2]).RootElement;
        Assert.Equal("team/db", described.GetProperty("name").GetString());
        Assert.Equal(2, described.GetProperty("versionIdsToStages").EnumerateObject().Count());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"value": 42}""")]
    [InlineData("""{"description": "no value"}""")]
    public async Task Put_MalformedBody_Is400(string body)
    {
        using var content = new StringContent(body);
        using var response = await _client.PutAsync("/secrets/x", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AccessKey_SecretReturnedOnlyAtCreation()
    {
        using var created = await _client.PostAsync("/access-keys", new StringContent(
            """{"userName":"svc","policies":[{"Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}]}"""));
        using var invalid = await _client.PostAsync("/access-keys", new StringContent("""{"userName":"svc","policies":[{"Statement":"nope"}]}"""));
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var secret = body.GetProperty("secretAccessKey").GetString()!;
        using var list = await _client.GetAsync("/access-keys");
        using var disable = await _client.PostAsync($"/access-keys/{body.GetProperty("accessKeyId").GetString()}/disable", null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.DoesNotContain(secret, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
    }
}
