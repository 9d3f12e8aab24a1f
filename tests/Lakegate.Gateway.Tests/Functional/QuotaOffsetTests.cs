using System.Net;
using Lakegate.Gateway.Steps.Throttle;
using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Memory;
using Lakegate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary><c>quota.offset</c> is subtracted from the limit in the plan's initial period only.</summary>
public sealed class QuotaOffsetTests
{
    private const string Key = "offset-0123456789abcdefghij";

    [Fact]
    public async Task Offset_ReducesFirstPeriodOnly()
    {
        // The plan's initial period is the day it is first deployed (by the real clock); meter from that instant on.
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var gateway = await TestGateway.StartAsync(services: s =>
        {
            s.AddSingleton(new TrafficClock(clock));
            s.AddSingleton<IRateLimitStore>(new MemoryRateLimitStore(clock));
        });
        await gateway.DeployAsync(TrafficConfigs.Load($$"""
            version: 1
            apis:
              - id: shop
                routes:
            {{TrafficConfigs.MockRoute("GET /items", apiKeyRequired: true)}}
                stages: [{ name: prod }]
            apiKeys: [{ name: o, value: {{Key}} }]
            usagePlans:
              - name: offset
                apiStages: [{ api: shop, stage: prod }]
                quota: { limit: 3, period: DAY, offset: 2 }
                keys: [o]
            """));
        var createdAt = (await gateway.Store.GetUsagePlansAsync(CancellationToken.None)).Plans.Single().CreatedAt;
        clock.SetUtcNow(createdAt);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await CallAsync(gateway, 2));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await CallAsync(gateway, 4));
    }

    [Fact]
    public async Task Redeploy_KeepsThePlansCreationTime()
    {
        var store = new MemoryDefinitionStore();
        await using var gateway = await TestGateway.StartAsync(store: new SharedStore(store));
        var config = TrafficConfigs.Load($$"""
            version: 1
            apis:
              - id: shop
                routes:
            {{TrafficConfigs.MockRoute("GET /items", apiKeyRequired: true)}}
                stages: [{ name: prod }]
            usagePlans: [{ name: p, apiStages: [{ api: shop, stage: prod }] }]
            """);
        await gateway.DeployAsync(config);
        var first = (await store.GetUsagePlansAsync(CancellationToken.None)).Plans.Single().CreatedAt;
        var revision = await store.GetRevisionAsync(CancellationToken.None);

        await gateway.DeployAsync(config);

        Assert.Equal(first, (await store.GetUsagePlansAsync(CancellationToken.None)).Plans.Single().CreatedAt);
        Assert.Equal(revision, await store.GetRevisionAsync(CancellationToken.None));
    }

    private static async Task<List<HttpStatusCode>> CallAsync(TestGateway gateway, int times)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/shop/prod/items");
            request.Headers.Add("x-api-key", Key);
            using var response = await gateway.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
