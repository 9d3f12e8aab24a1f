using System.Net;
using Lakegate.Gateway.Steps.Throttle;
using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Memory;
using Lakegate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>
/// API keys, plan throttles, per-method throttles, quotas and usage through a real gateway, with
/// metering on a frozen fake clock: exact admits and refusals, no sleeps. Every test uses its own
/// key, so buckets and counters never leak between tests.
/// </summary>
public sealed class ApiKeyAndUsagePlanTests : IAsyncLifetime
{
    private static readonly string Config = $$"""
        version: 1
        apis:
          - id: shop
            routes:
        {{TrafficConfigs.MockRoute("GET /items", apiKeyRequired: true)}}
        {{TrafficConfigs.MockRoute("GET /limited", apiKeyRequired: true)}}
        {{TrafficConfigs.MockRoute("GET /open", apiKeyRequired: false)}}
            stages: [{ name: prod }, { name: test }]
        apiKeys:
          - { name: alice, value: alice-0123456789abcdefghij }
          - { name: bob, value: bob-0123456789abcdefghijkl, enabled: false }
          - { name: carol, value: carol-0123456789abcdefghij }
          - { name: dave, value: dave-0123456789abcdefghijk }
          - { name: frank, value: frank-0123456789abcdefghij }
          - { name: gus, value: gus-0123456789abcdefghijkl }
          - { name: hank, value: hank-0123456789abcdefghijk }
          - { name: ivy, value: ivy-0123456789abcdefghijkl }
        usagePlans:
          - name: gold
            apiStages:
              - api: shop
                stage: prod
                throttle: { /limited/GET: { rateLimit: 1, burstLimit: 2 } }
            throttle: { rateLimit: 1, burstLimit: 5 }
            keys: [alice, bob, gus, hank]
          - name: testers
            apiStages: [{ api: shop, stage: test }]
            keys: [carol]
          - name: tiny
            apiStages: [{ api: shop, stage: prod }]
            quota: { limit: 3, period: DAY }
            keys: [dave]
          - name: metered
            apiStages: [{ api: shop, stage: prod }]
            keys: [frank, ivy]
        """;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero));
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(services: s =>
        {
            s.AddSingleton(new TrafficClock(_clock));
            s.AddSingleton<IRateLimitStore>(new MemoryRateLimitStore(_clock));
        });
        await _gateway.DeployAsync(TrafficConfigs.Load(Config));
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Body, string? ErrorType)> GetAsync(string path, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", key);
        }

        using var response = await _gateway.Client.SendAsync(request);
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First() : null;
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), errorType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-0123456789abcdefghij")]
    [InlineData("bob-0123456789abcdefghijkl")] // disabled
    [InlineData("carol-0123456789abcdefghij")] // in a plan, but not for this stage
    [InlineData("ALICE-0123456789ABCDEFGHIJ")] // values are case-sensitive
    public async Task KeyRequired_MissingUnknownDisabledOrNotInPlan_Is403Forbidden(string? key)
    {
        var (status, body, errorType) = await GetAsync("/shop/prod/items", key);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("{\"message\":\"Forbidden\"}", body);
        Assert.Equal("ForbiddenException", errorType);
    }

    [Fact]
    public async Task KeyRequired_ValidKey_Serves200WithKeyInContext()
    {
        var (status, body, _) = await GetAsync("/shop/prod/items", "hank-0123456789abcdefghijk");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{\"keyId\":\"hank\",\"key\":\"hank-0123456789abcdefghijk\"}", body);
    }

    [Fact]
    public async Task KeyRequired_KeyOfAnotherStage_ServesOnItsStage()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/shop/test/items", "carol-0123456789abcdefghij")).Status);
    }

    [Fact]
    public async Task KeyRequired_KeyInQueryString_IsNotAccepted()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/shop/prod/items?x-api-key=hank-0123456789abcdefghijk")).Status);
    }

    [Fact]
    public async Task NoKeyRequired_IgnoresHeaderAndPlans()
    {
        var (status, body, _) = await GetAsync("/shop/prod/open", "wrong-0123456789abcdefghij");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{\"keyId\":\"\",\"key\":\"\"}", body);
    }

    [Fact]
    public async Task PlanThrottle_FrozenClock_AdmitsExactlyBurstThenTooManyRequests_RefillsAtRate()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await GetAsync("/shop/prod/items", "alice-0123456789abcdefghij")).Status);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)), statuses);
        var (_, body, errorType) = await GetAsync("/shop/prod/items", "alice-0123456789abcdefghij");
        Assert.Equal("{\"message\":\"Too Many Requests\"}", body);
        Assert.Equal("TooManyRequestsException", errorType);

        _clock.Advance(TimeSpan.FromSeconds(2)); // rate 1/s: two tokens
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/shop/prod/items", "alice-0123456789abcdefghij")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/shop/prod/items", "alice-0123456789abcdefghij")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync("/shop/prod/items", "alice-0123456789abcdefghij")).Status);
    }

    [Fact]
    public async Task PerMethodThrottle_ReplacesPlanThrottleForThatMethodOnly()
    {
        const string key = "gus-0123456789abcdefghijkl";
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/shop/prod/limited", key)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/shop/prod/limited", key)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync("/shop/prod/limited", key)).Status);

        // The plan bucket of the same key is separate and still full.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync("/shop/prod/items", key)).Status);
        }
    }

    [Fact]
    public async Task Quota_Exhausted_LimitExceeded_ThenResetsNextUtcDay()
    {
        const string key = "dave-0123456789abcdefghijk";
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync("/shop/prod/items", key)).Status);
        }

        var (status, body, errorType) = await GetAsync("/shop/prod/items", key);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("{\"message\":\"Limit Exceeded\"}", body);
        Assert.Equal("LimitExceededException", errorType);

        _clock.Advance(TimeSpan.FromHours(13.999)); // 23:59:56.4 UTC: same day
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync("/shop/prod/items", key)).Status);
        _clock.Advance(TimeSpan.FromSeconds(4)); // 00:00:00.0 the next day
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/shop/prod/items", key)).Status);
    }

    [Fact]
    public async Task Usage_CountedPerKeyAndDay_AndFlushedToTheStore()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync("/shop/prod/items", "frank-0123456789abcdefghij")).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/shop/prod/items", "ivy-0123456789abcdefghijkl")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/shop/prod/items", "wrong-0123456789abcdefghij")).Status);

        await _gateway.Services.GetRequiredService<UsageRecorder>().FlushAsync(CancellationToken.None);
        var day = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var usage = await _gateway.Store.GetUsageAsync("metered", day, day, CancellationToken.None);

        Assert.Equal([new UsageRecord("metered", "frank", day, 4), new UsageRecord("metered", "ivy", day, 1)], usage);
    }
}
