using Lakegate.Core.GatewayResponses;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Pipeline;
using Lakegate.Gateway.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Steps.Throttle;

/// <summary>
/// Meters a request in API Gateway's order: the key's per-method throttle in its plan (or else the
/// plan throttle), then the stage's method throttle (<c>methodSettings</c>), then the account-wide
/// bucket, then the plan quota (so refused requests are not counted). Requests without a plan key on
/// a stage without method throttles only pass the account bucket: a lock and some arithmetic, no
/// await. Admitted plan requests are counted as usage for the key and day.
/// </summary>
internal sealed class ThrottleStep(
    string routePath,
    IRateLimitStore store,
    AccountThrottle account,
    UsageRecorder usage,
    TimeProvider time,
    bool failOpen,
    ILogger logger) : IGatewayStep
{
    private static readonly GatewayError Throttled = new(GatewayResponseType.Throttled);
    private static readonly GatewayError QuotaExceeded = new(GatewayResponseType.QuotaExceeded);
    private static readonly GatewayError Unavailable = new(
        GatewayResponseType.Default5xx, "Service Unavailable", StatusCodes.Status503ServiceUnavailable, "the rate-limit store is unavailable");

    public ValueTask InvokeAsync(GatewayContext context, GatewayStepDelegate next)
    {
        if (context.UsagePlanKey is { } key)
        {
            return MeterPlanAsync(context, next, key);
        }

        if (context.Stage?.Throttles?.For(routePath, context.Http.Request.Method) is { } stageThrottle)
        {
            return MeterStageAsync(context, next, stageThrottle);
        }

        if (!account.TryTake())
        {
            context.Error = Throttled;
            return ValueTask.CompletedTask;
        }

        return next(context);
    }

    /// <summary>A request without a plan key on a stage with method throttles: the stage bucket, then the account bucket.</summary>
    private async ValueTask MeterStageAsync(GatewayContext context, GatewayStepDelegate next, MethodThrottleModel throttle)
    {
        try
        {
            var taken = await store.TakeAsync(throttle.BucketKey, throttle.Throttle.RateLimit, throttle.Throttle.BurstLimit, context.RequestAborted);
            if (!taken.Allowed)
            {
                context.Error = Throttled;
                return;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            TrafficLog.RateLimitStoreFailed(logger, context.RequestId, failOpen ? "serving unmetered (fail open)" : "refusing with 503 (fail closed)", ex);
            if (!failOpen)
            {
                context.Error = Unavailable;
                return;
            }
        }

        if (!account.TryTake())
        {
            context.Error = Throttled;
            return;
        }

        await next(context);
    }

    private async ValueTask MeterPlanAsync(GatewayContext context, GatewayStepDelegate next, StageKeyModel key)
    {
        var now = time.GetUtcNow();
        try
        {
            if (key.ThrottleFor(routePath, context.Http.Request.Method) is { } throttle)
            {
                var taken = await store.TakeAsync(throttle.BucketKey, throttle.Throttle.RateLimit, throttle.Throttle.BurstLimit, context.RequestAborted);
                if (!taken.Allowed)
                {
                    context.Error = Throttled;
                    return;
                }
            }

            // API Gateway's order: the client's plan limits, then the stage's method limits, then the account.
            if (context.Stage?.Throttles?.For(routePath, context.Http.Request.Method) is { } stageThrottle)
            {
                var stageTaken = await store.TakeAsync(stageThrottle.BucketKey, stageThrottle.Throttle.RateLimit, stageThrottle.Throttle.BurstLimit, context.RequestAborted);
                if (!stageTaken.Allowed)
                {
                    context.Error = Throttled;
                    return;
                }
            }

            if (!account.TryTake())
            {
                context.Error = Throttled;
                return;
            }

            if (key.Plan.QuotaPeriod is { } period)
            {
                var window = QuotaWindow.For(period, now);
                var limit = key.Plan.QuotaLimit - (window.Contains(key.Plan.CreatedAt) ? key.Plan.QuotaOffset : 0);
                var counted = await store.CountAsync(key.QuotaKey, window.Id, limit, window.End, context.RequestAborted);
                if (!counted.Allowed)
                {
                    context.Error = QuotaExceeded;
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            TrafficLog.RateLimitStoreFailed(logger, context.RequestId, failOpen ? "serving unmetered (fail open)" : "refusing with 503 (fail closed)", ex);
            if (!failOpen)
            {
                context.Error = Unavailable;
                return;
            }
        }

        usage.Record(key.Plan.Name, key.KeyId, now);
        await next(context);
    }
}
