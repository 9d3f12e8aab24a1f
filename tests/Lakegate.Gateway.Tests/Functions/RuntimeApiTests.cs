using System.Net;
using System.Text;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Functions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lakegate.Gateway.Tests.Functions;

/// <summary>
/// The Runtime API as a runtime client sees it, with the test playing the runtime: the worker
/// process is an idle Node process, and the test calls its <c>AWS_LAMBDA_RUNTIME_API</c>.
/// </summary>
public sealed class RuntimeApiTests : IAsyncLifetime
{
    private readonly FunctionMetrics _metrics = new();
    private FunctionWorker _worker = null!;
    private HttpClient _runtime = null!;

    public async Task InitializeAsync()
    {
        var function = new FunctionDefinition
        {
            Name = "manual",
            Command = ["node", "-e", "setInterval(() => {}, 1000)"],
            WorkingDirectory = FunctionGateway.WorkerDirectory,
            TimeoutSeconds = 10,
        };
        _worker = await FunctionWorker.StartAsync(1, function, new FunctionHostSettings(), new LiteralFunctionEnvironmentResolver(), NullLogger.Instance, TimeProvider.System, _metrics, CancellationToken.None);
        _runtime = new HttpClient { BaseAddress = new Uri("http://" + _worker.RuntimeApiAddress), Timeout = TimeSpan.FromSeconds(20) };
    }

    public async Task DisposeAsync()
    {
        _runtime.Dispose();
        await _worker.DisposeAsync();
        _metrics.Dispose();
    }

    private static FunctionInvocation Invocation(string id, string payload = """{"hello":"world"}""") =>
        new(id, Encoding.UTF8.GetBytes(payload), DateTimeOffset.UtcNow.AddSeconds(10), "arn:aws:lambda:us-east-1:000000000000:function:manual", "Root=1-abc;Sampled=0");

    private Task<HttpResponseMessage> PostAsync(string path, string body, string? errorType = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (errorType is not null)
        {
            request.Headers.Add("Lambda-Runtime-Function-Error-Type", errorType);
        }

        return _runtime.SendAsync(request);
    }

    [Fact]
    public async Task Next_ReturnsTheEventWithLambdaHeaders_ResponseIs202()
    {
        var invocation = Invocation("8476a536-e9f4-11e8-9739-2dfe598c3fcd");
        var invoke = _worker.InvokeAsync(invocation, CancellationToken.None);

        using var next = await _runtime.GetAsync("/2018-06-01/runtime/invocation/next");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("""{"hello":"world"}""", await next.Content.ReadAsStringAsync());
        Assert.Equal("8476a536-e9f4-11e8-9739-2dfe598c3fcd", next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single());
        Assert.Equal(invocation.Deadline.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), next.Headers.GetValues("Lambda-Runtime-Deadline-Ms").Single());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:manual", next.Headers.GetValues("Lambda-Runtime-Invoked-Function-Arn").Single());
        Assert.Equal("Root=1-abc;Sampled=0", next.Headers.GetValues("Lambda-Runtime-Trace-Id").Single());
        Assert.Equal(1, _metrics.ColdStarts);

        using var wrongId = await PostAsync("/2018-06-01/runtime/invocation/not-the-id/response", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, wrongId.StatusCode);
        Assert.Equal("""{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}""", await wrongId.Content.ReadAsStringAsync());

        using var accepted = await PostAsync("/2018-06-01/runtime/invocation/8476a536-e9f4-11e8-9739-2dfe598c3fcd/response", """{"statusCode":200}""");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("""{"status":"OK"}""", await accepted.Content.ReadAsStringAsync());

        var result = await invoke.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(FunctionOutcome.Success, result.Outcome);
        Assert.Equal("""{"statusCode":200}""", Encoding.UTF8.GetString(result.Payload.Span));

        using var again = await PostAsync("/2018-06-01/runtime/invocation/8476a536-e9f4-11e8-9739-2dfe598c3fcd/response", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Contains("\"errorType\":\"InvalidStateTransition\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_IsAFunctionErrorWithTypeAndMessage()
    {
        var invoke = _worker.InvokeAsync(Invocation("req-err"), CancellationToken.None);
        using var next = await _runtime.GetAsync("/2018-06-01/runtime/invocation/next");

        using var reply = await PostAsync("/2018-06-01/runtime/invocation/req-err/error", """{"errorMessage":"boom","errorType":"TypeError","stackTrace":[]}""", "Runtime.Unhandled");

        Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);
        var result = await invoke.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(result.IsFunctionError);
        Assert.Equal(("TypeError", "boom"), (result.ErrorType, result.ErrorMessage));
    }

    [Fact]
    public async Task InitError_BeforeTheFirstNext_Is202_AndAfterwards403()
    {
        using var init = await PostAsync("/2018-06-01/runtime/init/error", """{"errorMessage":"cannot load","errorType":"Runtime.ImportModuleError"}""", "Runtime.ImportModuleError");
        Assert.Equal(HttpStatusCode.Accepted, init.StatusCode);
        Assert.Equal("Runtime.ImportModuleError", _worker.InitFailure!.ErrorType);

        using var late = await PostAsync("/2018-06-01/runtime/init/error", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
    }

    [Fact]
    public async Task ResponseAboveSixMegabytes_Is413()
    {
        var invoke = _worker.InvokeAsync(Invocation("req-big"), CancellationToken.None);
        using var next = await _runtime.GetAsync("/2018-06-01/runtime/invocation/next");

        using var reply = await PostAsync("/2018-06-01/runtime/invocation/req-big/response", new string('x', 7 * 1024 * 1024));

        Assert.Equal((HttpStatusCode)413, reply.StatusCode);
        Assert.Equal("""{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}""", await reply.Content.ReadAsStringAsync());
        Assert.False(invoke.IsCompleted);
    }

    [Fact]
    public async Task Deadline_PassesOnTheTimeProvider_TimesOutAndRefusesTheLateResponse()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var function = new FunctionDefinition { Name = "clock", Command = ["node", "-e", "setInterval(() => {}, 1000)"], WorkingDirectory = FunctionGateway.WorkerDirectory, TimeoutSeconds = 3 };
        await using var worker = await FunctionWorker.StartAsync(2, function, new FunctionHostSettings(), new LiteralFunctionEnvironmentResolver(), NullLogger.Instance, time, _metrics, CancellationToken.None);
        using var runtime = new HttpClient { BaseAddress = new Uri("http://" + worker.RuntimeApiAddress) };
        var invocation = new FunctionInvocation("req-late", "{}"u8.ToArray(), time.GetUtcNow().AddSeconds(3), "arn", "trace");
        var invoke = worker.InvokeAsync(invocation, CancellationToken.None);
        using var next = await runtime.GetAsync("/2018-06-01/runtime/invocation/next");
        Assert.False(invoke.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(3));

        var result = await invoke.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(FunctionOutcome.Timeout, result.Outcome);
        Assert.Equal(("Sandbox.Timedout", "Task timed out after 3.00 seconds"), (result.ErrorType, result.ErrorMessage));
        using var late = await runtime.PostAsync("/2018-06-01/runtime/invocation/req-late/response", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
    }

    [Fact]
    public async Task ProcessExitMidInvocation_IsACrash()
    {
        var invoke = _worker.InvokeAsync(Invocation("req-crash"), CancellationToken.None);
        using var next = await _runtime.GetAsync("/2018-06-01/runtime/invocation/next");

        System.Diagnostics.Process.GetProcessById(_worker.ProcessId).Kill();

        var result = await invoke.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(FunctionOutcome.Crashed, result.Outcome);
        Assert.Equal("Runtime.ExitError", result.ErrorType);
    }
}
