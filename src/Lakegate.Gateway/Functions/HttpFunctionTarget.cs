using System.Net.Http.Headers;
using Lakegate.Core.Definitions;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Functions;

/// <summary>
/// A function hosted elsewhere: the event is POSTed to its url as JSON and the response body is the
/// result. <c>X-Amz-Function-Error</c> on the response marks a function error, as the Lambda Invoke
/// API does; a non-2xx status or an unreachable url refuses the invoke.
/// </summary>
internal sealed class HttpFunctionTarget(FunctionDefinition function, HttpClient client, ILogger logger, TimeProvider time, FunctionMetrics metrics) : IFunctionTarget
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Uri _url = new(function.Url!);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<FunctionResult> InvokeAsync(ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var functionDeadline = time.GetUtcNow().AddSeconds(function.TimeoutSeconds);
        var remaining = (functionDeadline < deadline ? functionDeadline : deadline) - time.GetUtcNow();
        using var timer = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var requestId = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ReadOnlyMemoryContent(payload) };
        request.Content.Headers.ContentType = Json;
        request.Headers.TryAddWithoutValidation("X-Amz-Invocation-Type", "RequestResponse");
        request.Headers.TryAddWithoutValidation("Lambda-Runtime-Aws-Request-Id", requestId);
        FunctionResult result;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                FunctionLog.UrlTargetFailed(logger, function.Name, requestId, $"status {(int)response.StatusCode}");
                result = FunctionResult.Failure(FunctionOutcome.Rejected, "ServiceException", $"function url answered {(int)response.StatusCode}");
            }
            else if (response.Headers.TryGetValues("X-Amz-Function-Error", out var errorKind))
            {
                result = new FunctionResult(FunctionOutcome.FunctionError, body, errorKind.FirstOrDefault());
            }
            else
            {
                result = FunctionResult.Success(body);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = FunctionResult.Failure(FunctionOutcome.Timeout, "Sandbox.Timedout", $"Task timed out after {function.TimeoutSeconds}.00 seconds");
        }
        catch (OperationCanceledException)
        {
            result = FunctionResult.Failure(FunctionOutcome.Rejected, "Canceled", "the caller went away");
        }
        catch (HttpRequestException ex)
        {
            FunctionLog.UrlTargetFailed(logger, function.Name, requestId, ex.HttpRequestError.ToString());
            result = FunctionResult.Failure(FunctionOutcome.Rejected, "ServiceException", "function url unreachable");
        }

        metrics.Invoked(function.Name, result.Outcome);
        return result;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
