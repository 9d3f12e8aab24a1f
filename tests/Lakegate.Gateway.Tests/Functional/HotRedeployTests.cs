using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Tests.Infrastructure;
using static Lakegate.Gateway.Tests.Infrastructure.Definitions;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>Redeploying while traffic flows: no request fails, in-flight requests finish on their snapshot.</summary>
public sealed class HotRedeployTests : GatewayTestBase
{
    private LakegateConfig Version(int version) => Config(new ApiDefinition
    {
        Id = "hot",
        Routes =
        [
            Proxy("GET /v", $"{Backend.BaseUrl}/version/{version}"),
            Proxy("GET /slow", $"{Backend.BaseUrl}/slow/800?version={version}"),
        ],
    });

    [Fact]
    public async Task RedeployUnderLoad_NoRequestFails_AndNewVersionServes()
    {
        await Gateway.DeployAsync(Version(0));
        var failures = new ConcurrentBag<string>();
        var seen = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var total = 0;

        var load = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await Gateway.Client.GetAsync("/hot/prod/v");
                    Interlocked.Increment(ref total);
                    if (!response.IsSuccessStatusCode)
                    {
                        failures.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        continue;
                    }

                    var echo = (await response.Content.ReadFromJsonAsync<Echo>())!;
                    seen.AddOrUpdate(echo.Path, 1, (_, n) => n + 1);
                }
                catch (Exception ex)
                {
                    failures.Add(ex.GetType().Name + ": " + ex.Message);
                }
            }
        })).ToArray();

        for (var version = 1; version <= 5; version++)
        {
            await Task.Delay(150);
            await Gateway.DeployAsync(Version(version));
        }

        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(failures);
        Assert.True(total > 100, $"only {total} requests ran");
        Assert.True(seen.ContainsKey("/version/0"));
        Assert.True(seen.ContainsKey("/version/5"));
        var echoLast = await Gateway.GetEchoAsync("/hot/prod/v");
        Assert.Equal("/version/5", echoLast.Path);
    }

    [Fact]
    public async Task InFlightRequest_FinishesOnTheDeploymentItStartedWith()
    {
        await Gateway.DeployAsync(Version(1));
        var before = Backend.SlowRequestsStarted;
        var slow = Gateway.Client.GetFromJsonAsync<Echo>("/hot/prod/slow");

        // Once the backend holds the request, the gateway has chosen its snapshot: redeploy then.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Backend.SlowRequestsStarted == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "the slow request never reached the backend");
            await Task.Delay(5);
        }

        await Gateway.DeployAsync(Version(2));

        var fresh = await Gateway.GetEchoAsync("/hot/prod/slow");
        var old = (await slow)!;
        Assert.Equal("?version=1", old.Query);
        Assert.Equal("?version=2", fresh.Query);
    }
}
