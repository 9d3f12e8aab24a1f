using System.Diagnostics;
using System.Net;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Functions;

namespace Lakegate.Gateway.Tests.Functions;

/// <summary>Worker processes under load and failure: concurrency limits, queueing, timeouts, crashes, cold starts, shutdown.</summary>
public sealed class FunctionLifecycleTests
{
    private static LakegateConfig Api(params string[] functions) => new()
    {
        Apis = [new ApiDefinition { Id = "fn", Routes = [.. functions.Select(f => FunctionGateway.Route($"ANY /{f}/{{proxy+}}", f))] }],
        Stages = [new StageDefinition { ApiId = "fn", Name = "prod" }],
    };

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [Fact]
    public async Task ParallelRequests_AboveMaxConcurrency_QueueOnAtMostTwoWorkers()
    {
        await using var gateway = await FunctionGateway.StartAsync([FunctionGateway.Worker("pair", maxConcurrency: 2, timeoutSeconds: 10)]);
        await gateway.DeployAsync(Api("pair"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => gateway.Client.GetAsync("/fn/prod/pair/sleep?ms=1000")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var pool = gateway.Host.Pool("pair")!;
        Assert.Equal(2, pool.PeakWorkers);
        Assert.Equal(2, pool.StartedProcessIds.Count);
        Assert.Equal(2, gateway.Host.Metrics.ColdStarts);
    }

    [Fact]
    public async Task AllWorkersBusyPastTheQueueTimeout_IsTooManyRequests_Answered500()
    {
        await using var gateway = await FunctionGateway.StartAsync(
            [FunctionGateway.Worker("single", maxConcurrency: 1, timeoutSeconds: 5)],
            new FunctionHostSettings { QueueTimeout = TimeSpan.FromMilliseconds(200) });
        await gateway.DeployAsync(Api("single"));

        var slow = gateway.Client.GetAsync("/fn/prod/single/sleep?ms=1500");
        await WaitUntilAsync(() => gateway.Host.Pool("single")!.WorkerCount == 1 && gateway.Host.Metrics.ColdStarts == 1);
        using var rejected = await gateway.Client.GetAsync("/fn/prod/single/pid");

        Assert.Equal(HttpStatusCode.InternalServerError, rejected.StatusCode);
        Assert.Equal("{\"message\":\"Internal server error\"}", await rejected.Content.ReadAsStringAsync());
        using var first = await slow;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains(gateway.Logs.Lines, l => l.Contains("TooManyRequestsException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Timeout_Answers504_KillsTheWorker_AndTheNextRequestSucceeds()
    {
        await using var gateway = await FunctionGateway.StartAsync([FunctionGateway.Worker("slow", timeoutSeconds: 2)]);
        await gateway.DeployAsync(Api("slow"));
        using var warm = await gateway.Client.GetAsync("/fn/prod/slow/pid");
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        var firstPid = int.Parse(await warm.Content.ReadAsStringAsync());

        var started = Stopwatch.StartNew();
        using var timedOut = await gateway.Client.GetAsync("/fn/prod/slow/sleep?ms=10000");

        Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut.StatusCode);
        Assert.Contains("timed out", await timedOut.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(8));
        Assert.False(IsRunning(firstPid));

        using var next = await gateway.Client.GetAsync("/fn/prod/slow/pid");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.NotEqual(firstPid, int.Parse(await next.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task CrashMidInvocation_Answers502_AndTheNextRequestSucceeds()
    {
        await using var gateway = await FunctionGateway.StartAsync([FunctionGateway.Worker("fragile")]);
        await gateway.DeployAsync(Api("fragile"));

        using var crashed = await gateway.Client.GetAsync("/fn/prod/fragile/crash");
        Assert.Equal(HttpStatusCode.BadGateway, crashed.StatusCode);
        Assert.Equal("{\"message\":\"Internal server error\"}", await crashed.Content.ReadAsStringAsync());

        using var next = await gateway.Client.GetAsync("/fn/prod/fragile/pid");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(2, gateway.Host.Pool("fragile")!.StartedProcessIds.Count);
        Assert.Contains(gateway.Logs.Lines, l => l.Contains("stdout: about to crash", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ColdStart_IsCountedOncePerWorker_AndLogged()
    {
        await using var gateway = await FunctionGateway.StartAsync([FunctionGateway.Worker("cold")]);
        await gateway.DeployAsync(Api("cold"));

        using var first = await gateway.Client.GetAsync("/fn/prod/cold/pid");
        using var second = await gateway.Client.GetAsync("/fn/prod/cold/pid");

        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, gateway.Host.Metrics.ColdStarts);
        Assert.Contains(gateway.Logs.Lines, l => l.Contains("function cold worker 1", StringComparison.Ordinal) && l.Contains("cold start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MinWarm_StartsWorkersWithTheGateway()
    {
        await using var gateway = await FunctionGateway.StartAsync([FunctionGateway.Worker("warm", minWarm: 2)]);

        var pool = gateway.Host.Pool("warm")!;
        Assert.Equal(2, pool.WorkerCount);
        Assert.Equal(2, gateway.Host.Metrics.ColdStarts);
        await gateway.DeployAsync(Api("warm"));
        using var response = await gateway.Client.GetAsync("/fn/prod/warm/pid");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(int.Parse(await response.Content.ReadAsStringAsync()), pool.StartedProcessIds);
        Assert.Equal(2, gateway.Host.Metrics.ColdStarts);
    }

    [Fact]
    public async Task GatewayShutdown_StopsEveryWorkerProcess()
    {
        var gateway = await FunctionGateway.StartAsync([FunctionGateway.Worker("a", minWarm: 1), FunctionGateway.Worker("b", maxConcurrency: 3, timeoutSeconds: 60)]);
        await gateway.DeployAsync(Api("a", "b"));
        var busy = gateway.Client.GetAsync("/fn/prod/b/sleep?ms=20000");
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => gateway.Client.GetAsync("/fn/prod/b/pid")));
        await WaitUntilAsync(() => gateway.Host.Pool("b")!.StartedProcessIds.Count >= 2);
        var pids = gateway.Host.Pool("a")!.StartedProcessIds.Concat(gateway.Host.Pool("b")!.StartedProcessIds).ToList();
        Assert.True(pids.Count >= 3);
        Assert.All(pids, pid => Assert.True(IsRunning(pid)));

        await gateway.StopAsync();

        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"worker {pid} outlived the gateway"));
        await Assert.ThrowsAnyAsync<Exception>(() => busy.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task MinWarmWorkerThatDies_IsReplaced()
    {
        await using var gateway = await FunctionGateway.StartAsync([FunctionGateway.Worker("kept", minWarm: 1)]);
        var pool = gateway.Host.Pool("kept")!;
        var first = Assert.Single(pool.ProcessIds);

        Process.GetProcessById(first).Kill();

        await WaitUntilAsync(() => pool.ProcessIds.Count == 1 && pool.ProcessIds[0] != first && gateway.Host.Metrics.ColdStarts == 2);
        Assert.False(IsRunning(first));
    }

    [Fact]
    public async Task InitError_Answers502()
    {
        const string script = """
            fetch(`http://${process.env.AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/init/error`, {
              method: 'POST',
              headers: { 'Lambda-Runtime-Function-Error-Type': 'Runtime.ImportModuleError' },
              body: JSON.stringify({ errorMessage: 'Cannot find module index', errorType: 'Runtime.ImportModuleError' }),
            }).then(() => process.exit(1));
            """;
        var failing = FunctionGateway.Worker("initfail") with { Command = ["node", "-e", script] };
        await using var gateway = await FunctionGateway.StartAsync([failing]);
        await gateway.DeployAsync(Api("initfail"));

        using var response = await gateway.Client.GetAsync("/fn/prod/initfail/x");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains(gateway.Logs.Lines, l => l.Contains("reported an init error: Runtime.ImportModuleError", StringComparison.Ordinal));
        Assert.Equal(0, gateway.Host.Pool("initfail")!.WorkerCount);
    }

    [Fact]
    public async Task UnstartableCommand_Answers502()
    {
        var broken = FunctionGateway.Worker("broken") with { Command = ["/nonexistent/lakegate-no-such-binary"] };
        await using var gateway = await FunctionGateway.StartAsync([broken]);
        await gateway.DeployAsync(Api("broken"));

        using var response = await gateway.Client.GetAsync("/fn/prod/broken/x");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 10 s");
            await Task.Delay(10);
        }
    }
}
