using System.Net;
using System.Text.Json;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Functions;
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
    public async Task SecretReference_WithoutAStore_StartsNoWorker_Answers502_AndLogsTheVariableNotTheValue()
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
}
