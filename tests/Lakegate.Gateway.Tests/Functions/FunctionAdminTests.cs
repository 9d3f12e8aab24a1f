using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Admin;
using Lakegate.Gateway.Functions;
using Lakegate.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Tests.Functions;

/// <summary>The admin API's <c>GET /functions</c> and <c>/functions/{name}</c> over real invocations of real worker processes.</summary>
public sealed class FunctionAdminTests : IAsyncLifetime
{
    private const string Token = "function-admin-token";
    private FunctionGateway _gateway = null!;
    private WebApplication _admin = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _gateway = await FunctionGateway.StartAsync(
            [
                FunctionGateway.Worker("api", timeoutSeconds: 2, maxConcurrency: 2, environment: new Dictionary<string, string> { ["DB_PASSWORD"] = "never-shown-by-admin" }),
                FunctionGateway.Worker("warm", minWarm: 1),
                FunctionGateway.Worker("single", maxConcurrency: 1, timeoutSeconds: 5),
            ],
            new FunctionHostSettings { QueueTimeout = TimeSpan.FromMilliseconds(200) });
        await _gateway.DeployAsync(new LakegateConfig
        {
            Apis = [new ApiDefinition { Id = "fn", Routes = [.. ((string[])["api", "warm", "single"]).Select(f => FunctionGateway.Route($"ANY /{f}/{{proxy+}}", f))] }],
            Stages = [new StageDefinition { ApiId = "fn", Name = "prod" }],
        });
        _admin = AdminHost.Build(new AdminOptions { Token = Token, Urls = ["http://127.0.0.1:0"] }, _gateway.Services, b => b.Logging.ClearProviders());
        await _admin.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(GatewayHost.ListeningAddresses(_admin)[0]), Timeout = TimeSpan.FromSeconds(30) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _admin.StopAsync();
        await _admin.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    private async Task<JsonElement> FunctionAsync(string name)
    {
        using var response = await _client.GetAsync($"/functions/{name}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<HttpStatusCode> CallAsync(string path)
    {
        using var response = await _gateway.Client.GetAsync(path);
        return response.StatusCode;
    }

    [Fact]
    public async Task Function_CountsEveryOutcome_ColdStartsWithDurations_AndWorkers()
    {
        Assert.Equal(HttpStatusCode.OK, await CallAsync("/fn/prod/api/pid"));          // worker 1: cold start
        Assert.Equal(HttpStatusCode.OK, await CallAsync("/fn/prod/api/pid"));          // worker 1 again: warm
        Assert.Equal(HttpStatusCode.BadGateway, await CallAsync("/fn/prod/api/throws")); // function error; worker 1 kept
        Assert.Equal(HttpStatusCode.BadGateway, await CallAsync("/fn/prod/api/crash"));  // worker 1 exits
        Assert.Equal(HttpStatusCode.GatewayTimeout, await CallAsync("/fn/prod/api/sleep?ms=10000")); // worker 2: cold, killed
        Assert.Equal(HttpStatusCode.OK, await CallAsync("/fn/prod/api/pid"));          // worker 3: cold

        var api = await FunctionAsync("api");

        Assert.Equal("api", api.GetProperty("name").GetString());
        Assert.Equal("command", api.GetProperty("kind").GetString());
        Assert.Equal(2, api.GetProperty("timeoutSeconds").GetInt32());
        var invocations = api.GetProperty("invocations");
        Assert.Equal(6, invocations.GetProperty("total").GetInt64());
        Assert.Equal(3, invocations.GetProperty("success").GetInt64());
        Assert.Equal(1, invocations.GetProperty("functionError").GetInt64());
        Assert.Equal(1, invocations.GetProperty("crashed").GetInt64());
        Assert.Equal(1, invocations.GetProperty("timeout").GetInt64());
        Assert.Equal(0, invocations.GetProperty("tooManyRequests").GetInt64());
        Assert.Equal(2, api.GetProperty("errors").GetInt64());
        Assert.Equal(1, api.GetProperty("timeouts").GetInt64());

        var cold = api.GetProperty("coldStarts");
        Assert.Equal(3, cold.GetProperty("count").GetInt64());
        var recent = cold.GetProperty("recentMs").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(3, recent.Count);
        Assert.All(recent, ms => Assert.True(ms > 0));
        Assert.Equal(recent.Min(), cold.GetProperty("minMs").GetDouble(), 1);
        Assert.Equal(recent.Max(), cold.GetProperty("maxMs").GetDouble(), 1);
        Assert.Equal(recent.Average(), cold.GetProperty("averageMs").GetDouble(), 0);

        var workers = api.GetProperty("workers");
        Assert.Equal(1, workers.GetProperty("current").GetInt32());
        Assert.Equal(1, workers.GetProperty("idle").GetInt32());
        Assert.Equal(0, workers.GetProperty("busy").GetInt32());
        Assert.Equal(3, workers.GetProperty("started").GetInt64());
        Assert.Equal(1, workers.GetProperty("peak").GetInt32());
        Assert.Equal(2, workers.GetProperty("maxConcurrency").GetInt32());
    }

    [Fact]
    public async Task BusyWorker_AndThrottledInvocation_AreVisibleWhileItRuns()
    {
        var slow = _gateway.Client.GetAsync("/fn/prod/single/sleep?ms=4000");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonElement single;
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "the slow invocation never showed as busy");
            await Task.Delay(20);
            single = await FunctionAsync("single");
        }
        while (single.GetProperty("workers").GetProperty("busy").GetInt32() != 1 || single.GetProperty("coldStarts").GetProperty("count").GetInt64() != 1);

        Assert.Equal(1, single.GetProperty("workers").GetProperty("current").GetInt32());
        Assert.Equal(0, single.GetProperty("workers").GetProperty("idle").GetInt32());
        Assert.Equal(HttpStatusCode.InternalServerError, await CallAsync("/fn/prod/single/pid"));

        single = await FunctionAsync("single");
        Assert.Equal(1, single.GetProperty("throttles").GetInt64());
        Assert.Equal(1, single.GetProperty("invocations").GetProperty("tooManyRequests").GetInt64());
        using var first = await slow;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        single = await FunctionAsync("single");
        Assert.Equal(1, single.GetProperty("invocations").GetProperty("success").GetInt64());
        Assert.Equal(1, single.GetProperty("workers").GetProperty("idle").GetInt32());
    }

    [Fact]
    public async Task List_HasEveryFunctionInOrder_WarmWorkersShown_NoCommandOrEnvironment()
    {
        using var response = await _client.GetAsync("/functions");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = JsonDocument.Parse(text).RootElement;
        Assert.Equal(["api", "warm", "single"], list.EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        var warm = list[1];
        Assert.Equal(0, warm.GetProperty("invocations").GetProperty("total").GetInt64());
        Assert.Equal(1, warm.GetProperty("coldStarts").GetProperty("count").GetInt64());
        Assert.Equal(1, warm.GetProperty("workers").GetProperty("idle").GetInt32());
        Assert.Equal(1, warm.GetProperty("workers").GetProperty("minWarm").GetInt32());
        Assert.DoesNotContain("never-shown-by-admin", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DB_PASSWORD", text, StringComparison.Ordinal);
        Assert.DoesNotContain("runtime.mjs", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFunction_Is404_WithAMessage_AndNoTokenIs401()
    {
        using var missing = await _client.GetAsync("/functions/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("{\"message\":\"Function not found: nope\"}", await missing.Content.ReadAsStringAsync());

        using var anonymous = new HttpClient { BaseAddress = _client.BaseAddress };
        using var refused = await anonymous.GetAsync("/functions");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
