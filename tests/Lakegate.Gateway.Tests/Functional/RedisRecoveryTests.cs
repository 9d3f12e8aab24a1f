using System.Net;
using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Tests.Infrastructure;
using Lakegate.Gateway.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>When the gateway's Redis connections are dropped, metering resumes by itself once they reconnect.</summary>
public sealed class RedisRecoveryTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Key = "recover-0123456789abcdefghi";

    [Fact]
    public async Task ConnectionsKilled_MeteredRequestsRecoverWithoutRestart()
    {
        var name = "lakegate-recovery-" + Guid.NewGuid().ToString("N")[..8];
        await using var gateway = await TestGateway.StartAsync(services: s =>
            s.AddSingleton(_ => RateLimitStoreFactory.Create($"redis:{redis.Configuration},name={name},connectRetry=1", TimeProvider.System)));
        await gateway.DeployAsync(TrafficConfigs.Load($$"""
            version: 1
            apis:
              - id: shop
                routes:
            {{TrafficConfigs.MockRoute("GET /items", apiKeyRequired: true)}}
                stages: [{ name: prod }]
            apiKeys: [{ name: r, value: {{Key}} }]
            usagePlans:
              - name: gold
                apiStages: [{ api: shop, stage: prod }]
                throttle: { rateLimit: 1000, burstLimit: 1000 }
                keys: [r]
            """));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(gateway));

        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        var killed = 0;
        foreach (var client in await server.ClientListAsync())
        {
            if (client.Name == name)
            {
                await server.ClientKillAsync(client.Id, clientType: null, endpoint: null, skipMe: true);
                killed++;
            }
        }

        Assert.True(killed > 0, "the gateway's connection was not found by name");

        // Bounded: the multiplexer reconnects in the background; requests in between fail closed with 503.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode status;
        do
        {
            status = await GetAsync(gateway);
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"unexpected {(int)status}");
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(50);
            }
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static async Task<HttpStatusCode> GetAsync(TestGateway gateway)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/shop/prod/items");
        request.Headers.Add("x-api-key", Key);
        using var response = await gateway.Client.SendAsync(request);
        return response.StatusCode;
    }
}
