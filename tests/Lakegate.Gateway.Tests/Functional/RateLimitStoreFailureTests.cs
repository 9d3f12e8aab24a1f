using System.Net;
using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>
/// Redis unreachable: metered requests fail closed with 503 by default, or are served unmetered
/// with <c>RateLimitFailOpen</c>; requests that need no plan never touch Redis and keep working.
/// </summary>
public sealed class RateLimitStoreFailureTests
{
    private const string Key = "down-0123456789abcdefghijk";

    private static readonly string Config = $$"""
        version: 1
        apis:
          - id: shop
            routes:
        {{TrafficConfigs.MockRoute("GET /items", apiKeyRequired: true)}}
        {{TrafficConfigs.MockRoute("GET /open", apiKeyRequired: false)}}
            stages: [{ name: prod }]
        apiKeys: [{ name: down, value: {{Key}} }]
        usagePlans:
          - name: gold
            apiStages: [{ api: shop, stage: prod }]
            throttle: { rateLimit: 100, burstLimit: 100 }
            keys: [down]
        """;

    private static async Task<TestGateway> StartAsync(bool failOpen)
    {
        // Port 1 on loopback refuses connections: a Redis that is down.
        var gateway = await TestGateway.StartAsync(
            configure: o => o.RateLimitFailOpen = failOpen,
            services: s => s.AddSingleton(_ => RateLimitStoreFactory.Create("redis:127.0.0.1:1,connectTimeout=200,asyncTimeout=500,connectRetry=0", TimeProvider.System)));
        await gateway.DeployAsync(TrafficConfigs.Load(Config));
        return gateway;
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(TestGateway gateway, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-api-key", Key);
        using var response = await gateway.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RedisDown_Default_FailsClosedWith503_UnmeteredRoutesStillServe()
    {
        await using var gateway = await StartAsync(failOpen: false);

        var (status, body) = await GetAsync(gateway, "/shop/prod/items");
        var (openStatus, _) = await GetAsync(gateway, "/shop/prod/open");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("{\"message\":\"Service Unavailable\"}", body);
        Assert.Equal(HttpStatusCode.OK, openStatus);
    }

    [Fact]
    public async Task RedisDown_FailOpen_ServesUnmetered()
    {
        await using var gateway = await StartAsync(failOpen: true);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(gateway, "/shop/prod/items")).Status);
    }
}
