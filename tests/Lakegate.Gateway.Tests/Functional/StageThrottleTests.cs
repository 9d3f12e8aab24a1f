using System.Net;
using Lakegate.Gateway.Steps.Throttle;
using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Memory;
using Lakegate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>
/// Stage method throttling (<c>methodSettings</c>: <c>*/*</c> and <c>/path/METHOD</c>) through a real
/// gateway on a frozen fake clock: exact admits and refusals, each method in its own bucket, the
/// most specific setting winning, and the layering with usage-plan throttles.
/// </summary>
public sealed class StageThrottleTests : IAsyncLifetime
{
    private static string Config(int itemsBurst = 2) => $$"""
        version: 1
        apis:
          - id: st
            routes:
        {{TrafficConfigs.MockRoute("GET /a", apiKeyRequired: false)}}
        {{TrafficConfigs.MockRoute("POST /a", apiKeyRequired: false)}}
        {{TrafficConfigs.MockRoute("GET /b", apiKeyRequired: false)}}
        {{TrafficConfigs.MockRoute("GET /items/{id}", apiKeyRequired: false)}}
        {{TrafficConfigs.MockRoute("ANY /any", apiKeyRequired: false)}}
        {{TrafficConfigs.MockRoute("GET /keyed", apiKeyRequired: true)}}
            stages:
              - name: prod
                methodSettings:
                  "*/*": { throttlingRateLimit: 1, throttlingBurstLimit: 3 }
                  /a/GET: { throttlingRateLimit: 1, throttlingBurstLimit: 1 }
                  "~1items~1{id}/GET": { throttlingRateLimit: 1, throttlingBurstLimit: {{itemsBurst}} }
                  /keyed/GET: { throttlingRateLimit: 1, throttlingBurstLimit: 2 }
              - name: open
        apiKeys:
          - { name: k, value: stage-throttle-key-0123456789 }
        usagePlans:
          - name: generous
            apiStages: [{ api: st, stage: prod }]
            throttle: { rateLimit: 100, burstLimit: 100 }
            keys: [k]
        """;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 6, 7, 0, 0, TimeSpan.Zero));
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(services: s =>
        {
            s.AddSingleton(new TrafficClock(_clock));
            s.AddSingleton<IRateLimitStore>(new MemoryRateLimitStore(_clock));
        });
        await _gateway.DeployAsync(TrafficConfigs.Load(Config()));
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<List<HttpStatusCode>> CallAsync(HttpMethod method, string path, int times, string? key = null)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            using var request = new HttpRequestMessage(method, path);
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("x-api-key", key);
            }

            using var response = await _gateway.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static List<HttpStatusCode> Expect(int ok, int throttled) =>
        [.. Enumerable.Repeat(HttpStatusCode.OK, ok), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, throttled)];

    [Fact]
    public async Task MethodSetting_Exact_AdmitsItsBurst_ThenRefillsAtItsRate()
    {
        Assert.Equal(Expect(1, 2), await CallAsync(HttpMethod.Get, "/st/prod/a", 3));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Expect(1, 1), await CallAsync(HttpMethod.Get, "/st/prod/a", 2));

        using var refused = await _gateway.Client.GetAsync("/st/prod/a");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("{\"message\":\"Too Many Requests\"}", await refused.Content.ReadAsStringAsync());
        Assert.Equal("TooManyRequestsException", refused.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task StarStar_GivesEveryMethodItsOwnBucket()
    {
        // POST /a and GET /b fall back to */* (burst 3) and do not share a bucket with each other or with GET /a.
        Assert.Equal(Expect(3, 1), await CallAsync(HttpMethod.Post, "/st/prod/a", 4));
        Assert.Equal(Expect(3, 1), await CallAsync(HttpMethod.Get, "/st/prod/b", 4));
        Assert.Equal(Expect(1, 0), await CallAsync(HttpMethod.Get, "/st/prod/a", 1));

        // An ANY route: each verb is a method of its own.
        Assert.Equal(Expect(3, 1), await CallAsync(HttpMethod.Put, "/st/prod/any", 4));
        Assert.Equal(Expect(3, 1), await CallAsync(HttpMethod.Delete, "/st/prod/any", 4));
    }

    [Fact]
    public async Task PathParameters_ShareTheResourceBucket()
    {
        var first = await CallAsync(HttpMethod.Get, "/st/prod/items/1", 1);
        var second = await CallAsync(HttpMethod.Get, "/st/prod/items/2", 2);
        Assert.Equal(Expect(2, 1), [.. first, .. second]);
    }

    [Fact]
    public async Task StageWithoutMethodSettings_IsNotThrottled()
    {
        Assert.Equal(Expect(12, 0), await CallAsync(HttpMethod.Get, "/st/open/a", 12));
    }

    [Fact]
    public async Task PlanKey_StillMeetsTheStageMethodLimit()
    {
        // The plan allows 100 at once; the stage method allows 2: the lower layer decides.
        Assert.Equal(Expect(2, 2), await CallAsync(HttpMethod.Get, "/st/prod/keyed", 4, "stage-throttle-key-0123456789"));
    }

    [Fact]
    public async Task Redeploy_WithNewMethodSettings_AppliesWithoutRestart()
    {
        await _gateway.DeployAsync(TrafficConfigs.Load(Config(itemsBurst: 5)));
        Assert.Equal(Expect(5, 1), await CallAsync(HttpMethod.Get, "/st/prod/items/9", 6));
    }
}
