using System.Net;
using Lakegate.Gateway.Steps.Throttle;
using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Memory;
using Lakegate.Gateway.Storage.Redis;
using Lakegate.Gateway.Tests.Infrastructure;
using Lakegate.Gateway.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>
/// Two gateway nodes sharing one Redis (and one definition store) enforce one plan throttle
/// together. Both nodes meter on the same fake clock, stepped by the test, so the expected total is
/// exact: burst + rate × elapsed, however the requests are spread over the nodes.
/// </summary>
public sealed class RedisTwoNodeThrottleTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private const double Rate = 20;
    private const int Burst = 10;
    private const string Key = "shared-0123456789abcdefghij";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero));
    private readonly string _prefix = "twonode:" + Guid.NewGuid().ToString("N")[..12] + ":";
    private readonly MemoryDefinitionStore _definitions = new();
    private TestGateway _a = null!;
    private TestGateway _b = null!;

    public async Task InitializeAsync()
    {
        _a = await StartNodeAsync();
        _b = await StartNodeAsync();
        await _a.DeployAsync(TrafficConfigs.Load($$"""
            version: 1
            apis:
              - id: shop
                routes:
            {{TrafficConfigs.MockRoute("GET /items", apiKeyRequired: true)}}
                stages: [{ name: prod }]
            apiKeys: [{ name: shared, value: {{Key}} }]
            usagePlans:
              - name: gold
                apiStages: [{ api: shop, stage: prod }]
                throttle: { rateLimit: {{Rate}}, burstLimit: {{Burst}} }
                keys: [shared]
            """));
        await _b.WaitForStoreAsync();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    private Task<TestGateway> StartNodeAsync() => TestGateway.StartAsync(
        store: new SharedStore(_definitions),
        services: s =>
        {
            s.AddSingleton(new TrafficClock(_clock));
            s.AddSingleton<IRateLimitStore>(new RedisRateLimitStore(redis.Redis, _clock, _prefix));
        });

    private static async Task<bool> AdmittedAsync(TestGateway node)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/shop/prod/items");
        request.Headers.Add("x-api-key", Key);
        using var response = await node.Client.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"unexpected {(int)response.StatusCode}");
        return response.StatusCode == HttpStatusCode.OK;
    }

    [Fact]
    public async Task TwoNodes_OneRedis_AdmitConfiguredRateInTotal()
    {
        const int steps = 50;
        var step = TimeSpan.FromMilliseconds(100); // 2 tokens per step at 20/s
        int admittedA = 0, admittedB = 0;
        for (var i = 0; i < steps; i++)
        {
            // Offered load (6 per step, concurrently from both nodes) is three times what the bucket refills.
            var a = Enumerable.Range(0, 3).Select(_ => AdmittedAsync(_a)).ToArray();
            var b = Enumerable.Range(0, 3).Select(_ => AdmittedAsync(_b)).ToArray();
            admittedA += (await Task.WhenAll(a)).Count(x => x);
            admittedB += (await Task.WhenAll(b)).Count(x => x);
            _clock.Advance(step);
        }

        var expected = Burst + (Rate * step.TotalSeconds * (steps - 1));
        var total = admittedA + admittedB;
        Assert.InRange(total, expected * 0.95, expected * 1.05);
        Assert.True(admittedA > 0 && admittedB > 0, $"both nodes should admit some ({admittedA}, {admittedB})");
    }
}
