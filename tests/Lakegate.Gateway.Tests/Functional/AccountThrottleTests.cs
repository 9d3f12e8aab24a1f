using System.Net;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Steps.Throttle;
using Lakegate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>The account-wide throttle applies to every route, keyed or not.</summary>
public sealed class AccountThrottleTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero));
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(
            configure: o => o.AccountThrottle = new ThrottleDefinition { RateLimit = 2, BurstLimit = 3 },
            services: s => s.AddSingleton(new TrafficClock(_clock)));
        await _gateway.DeployAsync(TrafficConfigs.Load($$"""
            version: 1
            apis:
              - id: a
                routes:
            {{TrafficConfigs.MockRoute("GET /open", apiKeyRequired: false)}}
                stages: [{ name: prod }]
            """));
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task AccountBucket_FrozenClock_AdmitsBurstThenThrottles()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await _gateway.Client.GetAsync("/a/prod/open");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        _clock.Advance(TimeSpan.FromSeconds(0.5)); // rate 2/s: one token
        using var again = await _gateway.Client.GetAsync("/a/prod/open");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
