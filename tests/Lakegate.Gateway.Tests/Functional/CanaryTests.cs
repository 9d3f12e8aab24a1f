using System.Net.Http.Json;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Tests.Infrastructure;
using static Lakegate.Gateway.Tests.Infrastructure.Definitions;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>Canary traffic split with a seeded random source, variable overrides and promotion.</summary>
public sealed class CanaryTests : GatewayTestBase
{
    private const int Seed = 1234;
    protected override Task<TestGateway> StartGatewayAsync() => TestGateway.StartAsync(randomSeed: Seed);


    private LakegateConfig Version(string version, double? canaryPercent = null) => Config(
        new ApiDefinition { Id = "cn", Routes = [Proxy("GET /which", $"{Backend.BaseUrl}/{version}/${{stageVariables.color}}")] },
        Stage("cn", "prod", new Dictionary<string, string> { ["color"] = "blue" },
            canaryPercent is { } p ? new CanaryDefinition { PercentTraffic = p, StageVariableOverrides = new Dictionary<string, string> { ["color"] = "green" } } : null));

    [Fact]
    public async Task CanarySplit_WithSeededRandom_ServesExactExpectedCounts()
    {
        await Gateway.DeployAsync(Version("v1"));
        await Gateway.DeployAsync(Version("v2", 25), new DeployRequest { StageName = "prod", CanaryPercent = 25 });

        const int requests = 400;
        var expectedRandom = new Random(Seed);
        var expectedCanary = Enumerable.Range(0, requests).Count(_ => expectedRandom.NextDouble() * 100.0 < 25);

        var canary = 0;
        for (var i = 0; i < requests; i++)
        {
            using var response = await Gateway.Client.GetAsync("/cn/prod/which");
            var echo = (await response.Content.ReadFromJsonAsync<Echo>())!;
            var flag = response.Headers.GetValues("x-lakegate-canary").Single();
            if (echo.Path == "/v2/green")
            {
                canary++;
                Assert.Equal("true", flag);
            }
            else
            {
                Assert.Equal("/v1/blue", echo.Path);
                Assert.Equal("false", flag);
            }
        }

        Assert.Equal(expectedCanary, canary);
        Assert.InRange(canary, 60, 140);
    }

    [Fact]
    public async Task Promote_MakesCanaryTheStageDeployment_WithOverridesAsVariables()
    {
        await Gateway.DeployAsync(Version("v1"));
        await Gateway.DeployAsync(Version("v2", 50), new DeployRequest { StageName = "prod", CanaryPercent = 50 });

        var service = new DeploymentService(Gateway.Store, TimeProvider.System);
        var promoted = await service.PromoteCanaryAsync("cn", "prod", CancellationToken.None);
        await Gateway.WaitForStoreAsync();

        Assert.Null(promoted.Canary);
        Assert.Equal("green", promoted.Variables["color"]);
        for (var i = 0; i < 20; i++)
        {
            using var response = await Gateway.Client.GetAsync("/cn/prod/which");
            Assert.Equal("/v2/green", (await response.Content.ReadFromJsonAsync<Echo>())!.Path);
            Assert.False(response.Headers.Contains("x-lakegate-canary"));
        }
    }

    [Fact]
    public async Task CanaryOnMissingStage_IsRefused()
    {
        var service = new DeploymentService(Gateway.Store, TimeProvider.System);
        var error = await Assert.ThrowsAsync<Lakegate.Gateway.Storage.StoreConflictException>(() =>
            service.DeployAsync(Version("v2"), new DeployRequest { StageName = "prod", CanaryPercent = 10 }, CancellationToken.None));
        Assert.Contains("must already be created", error.Message, StringComparison.Ordinal);
    }
}
