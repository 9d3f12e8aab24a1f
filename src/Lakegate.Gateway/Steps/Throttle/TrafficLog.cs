using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Steps.Throttle;

/// <summary>Log lines of API keys, throttles, quotas and usage (event ids 41xx). Never logs a key value.</summary>
internal static partial class TrafficLog
{
    [LoggerMessage(4101, LogLevel.Error, "{RequestId} the rate-limit store failed; {Outcome}")]
    public static partial void RateLimitStoreFailed(ILogger logger, string requestId, string outcome, Exception exception);

    [LoggerMessage(4102, LogLevel.Warning, "Flushing {Count} usage counts to the definition store failed; they are kept for the next flush")]
    public static partial void UsageFlushFailed(ILogger logger, int count, Exception exception);
}
