using System.Net;
using System.Text.Json;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Functions;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace Lakegate.Gateway.Tests.Functions;

/// <summary>
/// Function environments go through <see cref="IFunctionEnvironmentResolver"/> once per worker start:
/// the door a secret store plugs into. Without one, a <c>{{secret:...}}</c> value stops the worker from starting.
/// </summary>
public sealed class FunctionEnvironmentTests
{
    private static LakegateConfig Api(string function) => new()
    {
        Apis = [new ApiDefinition { Id = "env", Routes = [FunctionGateway.Route($"ANY /{{proxy+}}", function)] }],
        Stages = [new StageDefinition { ApiId = "env", Name = "prod" }],
    };

    /// <summary>Stands in for the secret store: resolves one reference and counts its calls.</summary>
    private sealed class MapResolver : IFunctionEnvironmentResolver
    {
        public int Calls;

        public ValueTask<FunctionEnvironment> ResolveAsync(FunctionDefinition function, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            var resolved = function.Environment.ToDictionary(p => p.Key, p => p.Value == "{{secret:db:password}}" ? $"resolved-{Calls}" : p.Value);
            return ValueTask.FromResult(FunctionEnvironment.Resolved(resolved));
        }
    }

    [Fact]
    public async Task RegisteredResolver_SuppliesTheValues_OncePerWorkerStart()
    {
        var resolver = new MapResolver();
        var function = FunctionGateway.Worker("withsecret", environment: new Dictionary<string, string> { ["CUSTOM_VAR"] = "{{secret:db:password}}" });
        await using var gateway = await FunctionGateway.StartAsync([function], services: s => s.AddSingleton<IFunctionEnvironmentResolver>(resolver));
        await gateway.DeployAsync(Api("withsecret"));

        using var first = await gateway.Client.GetAsync("/env/prod/echo");
        var env = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("env");
        Assert.Equal("resolved-1", env.GetProperty("CUSTOM_VAR").GetString());
        using var second = await gateway.Client.GetAsync("/env/prod/echo");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, resolver.Calls);

        // A new worker (the first one crashed) resolves again, so a rotated secret reaches it.
        using var crashed = await gateway.Client.GetAsync("/env/prod/crash");
        Assert.Equal(HttpStatusCode.BadGateway, crashed.StatusCode);
        using var third = await gateway.Client.GetAsync("/env/prod/echo");
        var env3 = JsonDocument.Parse(await third.Content.ReadAsStringAsync()).RootElement.GetProperty("env");
        Assert.Equal("resolved-2", env3.GetProperty("CUSTOM_VAR").GetString());
        Assert.Equal(2, resolver.Calls);
    }

    [Fact]
    public async Task SecretReference_WithoutAMasterKey_StartsNoWorker_Answers502_AndLogsTheVariableNotTheValue()
    {
        var function = FunctionGateway.Worker("nostore", minWarm: 1, environment: new Dictionary<string, string> { ["DB_PASSWORD"] = "{{secret:db:password}}", ["PLAIN"] = "x" });
        await using var gateway = await FunctionGateway.StartAsync([function]);
        await gateway.DeployAsync(Api("nostore"));

        using var response = await gateway.Client.GetAsync("/env/prod/echo");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("{\"message\":\"Internal server error\"}", await response.Content.ReadAsStringAsync());
        var pool = gateway.Host.Pool("nostore")!;
        Assert.Empty(pool.StartedProcessIds);
        Assert.Equal(0, pool.WorkerCount);
        Assert.Contains(gateway.Logs.Lines, l => l.Contains("function nostore: worker", StringComparison.Ordinal)
            && l.Contains("environment variable DB_PASSWORD references a secret", StringComparison.Ordinal));
        Assert.Equal(0, gateway.Host.Metrics.WorkersStarted);
    }

    [Fact]
    public async Task LiteralResolver_PassesPlainValuesThrough()
    {
        var function = FunctionGateway.Worker("plain", environment: new Dictionary<string, string> { ["A"] = "1", ["B"] = "{not a secret}" });

        var resolved = await new LiteralFunctionEnvironmentResolver().ResolveAsync(function, CancellationToken.None);

        Assert.Null(resolved.Error);
        Assert.Equal("1", resolved.Variables["A"]);
        Assert.Equal("{not a secret}", resolved.Variables["B"]);
    }

    [Fact]
    public async Task SecretReference_IsResolvedFromTheStore_AndARotationReachesTheNextWorker()
    {
        var key = MasterKey.Parse(MasterKey.Generate(), "test");
        var function = FunctionGateway.Worker("stored", environment: new Dictionary<string, string>
        {
            ["CUSTOM_VAR"] = "{{secret:db-creds:password}}",
            ["LAKEGATE_SECRET"] = "token={{secret:api-token}}",
        });
        await using var gateway = await FunctionGateway.StartAsync([function], services: s => s.Configure<GatewayOptions>(o => o.MasterKey = key));
        var vault = gateway.Services.GetRequiredService<SecretVault>();
        await vault.PutAsync("db-creds", """{"username":"app","password":"pw-one"}""", null, CancellationToken.None);
        await vault.PutAsync("api-token", "t-1", null, CancellationToken.None);
        await WaitForSecretsAsync(gateway, "{{secret:api-token}}", "t-1");
        await gateway.DeployAsync(Api("stored"));

        using var first = await gateway.Client.GetAsync("/env/prod/echo");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var env = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("env");
        Assert.Equal("pw-one", env.GetProperty("CUSTOM_VAR").GetString());
        Assert.Equal("token=t-1", env.GetProperty("LAKEGATE_SECRET").GetString());

        // Rotation: the warm worker keeps its environment; the next worker started gets the new value.
        await vault.PutAsync("db-creds", """{"username":"app","password":"pw-two"}""", null, CancellationToken.None);
        await WaitForSecretsAsync(gateway, "{{secret:db-creds:password}}", "pw-two");
        using var warm = await gateway.Client.GetAsync("/env/prod/echo");
        Assert.Equal("pw-one", JsonDocument.Parse(await warm.Content.ReadAsStringAsync()).RootElement.GetProperty("env").GetProperty("CUSTOM_VAR").GetString());
        using var crashed = await gateway.Client.GetAsync("/env/prod/crash");
        Assert.Equal(HttpStatusCode.BadGateway, crashed.StatusCode);
        using var fresh = await gateway.Client.GetAsync("/env/prod/echo");
        Assert.Equal("pw-two", JsonDocument.Parse(await fresh.Content.ReadAsStringAsync()).RootElement.GetProperty("env").GetProperty("CUSTOM_VAR").GetString());
        Assert.DoesNotContain(gateway.Logs.Lines, l => l.Contains("pw-one", StringComparison.Ordinal) || l.Contains("pw-two", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecretReference_ToAnUnknownSecret_StartsNoWorker_AndNamesTheReference()
    {
        var key = MasterKey.Parse(MasterKey.Generate(), "test");
        var function = FunctionGateway.Worker("missing", environment: new Dictionary<string, string> { ["CUSTOM_VAR"] = "{{secret:nowhere}}" });
        await using var gateway = await FunctionGateway.StartAsync([function], services: s => s.Configure<GatewayOptions>(o => o.MasterKey = key));
        await gateway.DeployAsync(Api("missing"));

        using var response = await gateway.Client.GetAsync("/env/prod/echo");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Empty(gateway.Host.Pool("missing")!.StartedProcessIds);
        Assert.Contains(gateway.Logs.Lines, l => l.Contains("environment variable CUSTOM_VAR references a secret that cannot be resolved", StringComparison.Ordinal)
            && l.Contains("nowhere", StringComparison.Ordinal));
    }

    /// <summary>The secret store is read by the store watcher; wait until this node resolves the reference to the value.</summary>
    private static async Task WaitForSecretsAsync(FunctionGateway gateway, string reference, string expected)
    {
        var resolver = gateway.Services.GetRequiredService<SecretResolver>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var errors = new List<string>();
            if (resolver.Resolve(reference, errors) == expected && errors.Count == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{reference} did not resolve: {string.Join("; ", errors)}");
            await Task.Delay(20);
        }
    }
}
