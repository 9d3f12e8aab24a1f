using System.Net;
using System.Net.Http.Headers;
using Lakegate.Gateway.Admin;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Steps.Throttle;
using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Memory;
using Lakegate.Gateway.Storage.Sqlite;
using Lakegate.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>Usage survives a gateway restart (SQLite store) and comes back in API Gateway's GetUsage shape from the admin API.</summary>
public sealed class UsageReportingTests : IDisposable
{
    private const string Token = "usage-admin-token";
    private const string KeyOne = "k1-0123456789abcdefghijklm";

    private static readonly string Config = $$"""
        version: 1
        apis:
          - id: shop
            routes:
        {{TrafficConfigs.MockRoute("GET /items", apiKeyRequired: true)}}
            stages: [{ name: prod }]
        apiKeys:
          - { name: k1, value: {{KeyOne}} }
          - { name: k2, value: k2-0123456789abcdefghijklm }
        usagePlans:
          - name: gold
            apiStages: [{ api: shop, stage: prod }]
            quota: { limit: 10, period: DAY }
            keys: [k1, k2]
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lakegate-usage-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task<TestGateway> StartAsync(string file) => TestGateway.StartAsync(
        store: new SqliteDefinitionStore(file),
        services: s =>
        {
            s.AddSingleton(new TrafficClock(_clock));
            s.AddSingleton<IRateLimitStore>(new MemoryRateLimitStore(_clock));
        });

    private static async Task CallAsync(TestGateway gateway, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/shop/prod/items");
            request.Headers.Add("x-api-key", KeyOne);
            using var response = await gateway.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Usage_SurvivesRestart_AndAdminApiAnswersGetUsageShape()
    {
        var file = Path.Combine(_directory, "lakegate.db");
        await using (var first = await StartAsync(file))
        {
            await first.DeployAsync(TrafficConfigs.Load(Config));
            await CallAsync(first, 3);
        } // stopping flushes pending usage

        await using var second = await StartAsync(file);
        await second.WaitForStoreAsync();
        await CallAsync(second, 2);

        await using var admin = AdminHost.Build(new AdminOptions { Token = Token, Urls = ["http://127.0.0.1:0"] }, second.Services, b => b.Logging.ClearProviders());
        await admin.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(GatewayHost.ListeningAddresses(admin)[0]) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        var body = await client.GetStringAsync("/usageplans/gold/usage?startDate=2026-03-03&endDate=2026-03-04");
        using var unknown = await client.GetAsync("/usageplans/nope/usage?startDate=2026-03-03&endDate=2026-03-04");
        using var badDates = await client.GetAsync("/usageplans/gold/usage?startDate=2026-03-05&endDate=2026-03-04");
        await admin.StopAsync();

        Assert.Equal(
            "{\"usagePlanId\":\"gold\",\"startDate\":\"2026-03-03\",\"endDate\":\"2026-03-04\",\"values\":{\"k1\":[[0,10],[5,5]],\"k2\":[[0,10],[0,10]]}}",
            body);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDates.StatusCode);
    }
}
