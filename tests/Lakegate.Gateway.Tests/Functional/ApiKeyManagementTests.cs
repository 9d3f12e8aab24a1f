using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lakegate.Gateway.Admin;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Steps.ApiKey;
using Lakegate.Gateway.Storage.Sqlite;
using Lakegate.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>
/// API keys created and switched through the admin API while two gateway nodes share one SQLite
/// store: the value is shown once and stored hashed, enable/disable/delete and plan bindings take
/// effect on both nodes without a restart, and a whole-file deploy keeps managed keys.
/// </summary>
public sealed class ApiKeyManagementTests : IAsyncLifetime
{
    private const string Token = "keys-admin-token";

    private const string Config = """
        version: 1
        apis:
          - id: keyed
            routes:
              - route: GET /item
                apiKeyRequired: true
                integration:
                  type: mock
                  requestTemplates: { application/json: '{"statusCode": 200}' }
                  responses:
                    - statusCode: 200
                      responseTemplates: { application/json: '{"keyId":"$!context.identity.apiKeyId"}' }
            stages: [{ name: prod }]
        apiKeys:
          - { name: declared, value: declared-0123456789abcdefghij }
        usagePlans:
          - name: gold
            apiStages: [{ api: keyed, stage: prod }]
            keys: [declared]
          - name: silver
            apiStages: [{ api: keyed, stage: prod }]
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lakegate-keys-" + Guid.NewGuid().ToString("N"));
    private TestGateway _a = null!;
    private TestGateway _b = null!;
    private WebApplication _admin = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "store.db");
        _a = await TestGateway.StartAsync(new SqliteDefinitionStore(file));
        _b = await TestGateway.StartAsync(new SqliteDefinitionStore(file));
        await _a.DeployAsync(TrafficConfigs.Load(Config));
        await _b.WaitForStoreAsync();
        _admin = AdminHost.Build(new AdminOptions { Token = Token, Urls = ["http://127.0.0.1:0"] }, _a.Services, b => b.Logging.ClearProviders());
        await _admin.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(GatewayHost.ListeningAddresses(_admin)[0]) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _admin.StopAsync();
        await _admin.DisposeAsync();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string json) =>
        await _client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>Both nodes serve the store's current revision (no restart, only the store poll).</summary>
    private async Task BothNodesCaughtUpAsync()
    {
        await _a.WaitForStoreAsync();
        await _b.WaitForStoreAsync();
    }

    private static async Task<HttpStatusCode> CallAsync(TestGateway node, string? key, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/keyed/prod/item" + query);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", key);
        }

        using var response = await node.Client.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<(HttpStatusCode A, HttpStatusCode B)> CallBothAsync(string? key) => (await CallAsync(_a, key), await CallAsync(_b, key));

    [Fact]
    public async Task CreatedKey_ShownOnce_StoredHashed_WorksOnBothNodes_DisableEnableDelete_TakeEffectEverywhere()
    {
        using var created = await SendJsonAsync(HttpMethod.Post, "/apikeys", """{"name": "partner", "description": "for tests", "usagePlans": ["gold"]}""");
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        var body = JsonDocument.Parse(text).RootElement;
        var value = body.GetProperty("value").GetString()!;
        Assert.Equal(40, value.Length);
        Assert.All(value, c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Assert.Equal("partner", body.GetProperty("id").GetString());
        Assert.Equal("gold", body.GetProperty("usagePlans")[0].GetString());

        // Shown once: neither the list nor the key's own page carries the value; the store holds its hash only.
        var list = await _client.GetStringAsync("/apikeys");
        var single = await _client.GetStringAsync("/apikeys/partner");
        Assert.DoesNotContain(value, list, StringComparison.Ordinal);
        Assert.DoesNotContain(value, single, StringComparison.Ordinal);
        Assert.Contains("\"source\":\"api\"", single, StringComparison.Ordinal);
        var stored = await _a.Store.GetUsagePlansAsync(CancellationToken.None);
        Assert.Equal(ApiKeyHash.Compute(value), stored.Keys.Single(k => k.Name == "partner").ValueHash);

        await BothNodesCaughtUpAsync();
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await CallBothAsync(value));
        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync(_a, null, "?x-api-key=" + value));

        using (var disabled = await SendJsonAsync(HttpMethod.Patch, "/apikeys/partner", """{"patchOperations": [{"op": "replace", "path": "/enabled", "value": "false"}]}"""))
        {
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
            Assert.False((await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enabled").GetBoolean());
        }

        await BothNodesCaughtUpAsync();
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), await CallBothAsync(value));

        using (var enabled = await SendJsonAsync(HttpMethod.Patch, "/apikeys/partner", """{"patchOperations": [{"op": "replace", "path": "/enabled", "value": "true"}]}"""))
        {
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        }

        await BothNodesCaughtUpAsync();
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await CallBothAsync(value));

        using (var deleted = await _client.DeleteAsync("/apikeys/partner"))
        {
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        }

        await BothNodesCaughtUpAsync();
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), await CallBothAsync(value));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/apikeys/partner")).StatusCode);
    }

    [Fact]
    public async Task PlanKeys_AddRemove_OnePlanPerStage_AndWholeFileDeployKeepsManagedKeys()
    {
        using var created = await SendJsonAsync(HttpMethod.Post, "/apikeys", """{"name": "floating", "value": "floating-0123456789abcdefghij"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await BothNodesCaughtUpAsync();
        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync(_a, "floating-0123456789abcdefghij")); // in no plan yet

        using (var added = await SendJsonAsync(HttpMethod.Post, "/usageplans/silver/keys", """{"keyId": "floating", "keyType": "API_KEY"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        // gold covers the same stage: a second plan for the key there is refused, as on AWS.
        using (var clash = await SendJsonAsync(HttpMethod.Post, "/usageplans/gold/keys", """{"keyId": "floating", "keyType": "API_KEY"}"""))
        {
            Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        }

        await BothNodesCaughtUpAsync();
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await CallBothAsync("floating-0123456789abcdefghij"));
        Assert.Contains("\"floating\"", await _client.GetStringAsync("/usageplans/silver/keys"), StringComparison.Ordinal);

        // Redeploying the file (which declares neither the key nor its binding) keeps both.
        await _a.DeployAsync(TrafficConfigs.Load(Config.Replace("value: declared-0123456789abcdefghij", "value: declared-0123456789abcdefghij, description: changed", StringComparison.Ordinal)));
        await BothNodesCaughtUpAsync();
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await CallBothAsync("floating-0123456789abcdefghij"));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(_b, "declared-0123456789abcdefghij"));

        using (var removed = await _client.DeleteAsync("/usageplans/silver/keys/floating"))
        {
            Assert.Equal(HttpStatusCode.Accepted, removed.StatusCode);
        }

        await BothNodesCaughtUpAsync();
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), await CallBothAsync("floating-0123456789abcdefghij"));
    }

    [Theory]
    [InlineData("""{"name": "dup", "value": "declared-0123456789abcdefghij"}""", HttpStatusCode.Conflict)] // value of another key
    [InlineData("""{"name": "declared"}""", HttpStatusCode.Conflict)] // name taken
    [InlineData("""{"name": "short", "value": "too-short"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"name": ""}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"name": 5}""", HttpStatusCode.BadRequest)]
    [InlineData("""[1, 2]""", HttpStatusCode.BadRequest)]
    [InlineData("""{"name": "noplan", "usagePlans": ["platinum"]}""", HttpStatusCode.NotFound)]
    public async Task Create_BadOrConflictingInput_IsRefusedWithAMessage_AndStoresNothing(string json, HttpStatusCode expected)
    {
        var before = (await _a.Store.GetUsagePlansAsync(CancellationToken.None)).Keys.Count;
        using var response = await SendJsonAsync(HttpMethod.Post, "/apikeys", json);
        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()));
        Assert.Equal(before, (await _a.Store.GetUsagePlansAsync(CancellationToken.None)).Keys.Count);
    }

    [Fact]
    public async Task DeclaredKey_CanBeDisabledAtRunTime()
    {
        using var response = await SendJsonAsync(HttpMethod.Patch, "/apikeys/declared", """{"patchOperations": [{"op": "replace", "path": "/enabled", "value": false}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await BothNodesCaughtUpAsync();
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), await CallBothAsync("declared-0123456789abcdefghij"));
        Assert.Equal(HttpStatusCode.BadRequest, (await SendJsonAsync(HttpMethod.Patch, "/apikeys/declared", """{"patchOperations": [{"op": "replace", "path": "/name", "value": "x"}]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendJsonAsync(HttpMethod.Patch, "/apikeys/nobody", """{"patchOperations": [{"op": "replace", "path": "/enabled", "value": "true"}]}""")).StatusCode);
    }
}
