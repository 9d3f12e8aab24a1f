using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Integrations.Aws;

/// <summary>Log lines of AWS service integrations. They name the service and action, never keys or signatures.</summary>
internal static partial class AwsIntegrationLog
{
    [LoggerMessage(2601, LogLevel.Warning, "{RequestId} aws integration {Service} {Operation} could not be called: {Cause}")]
    public static partial void CallFailed(ILogger logger, string requestId, string service, string operation, string cause);

    [LoggerMessage(2602, LogLevel.Warning, "{RequestId} aws integration {Service} {Operation} is not signed: {Problem}")]
    public static partial void NoCredentials(ILogger logger, string requestId, string service, string operation, string problem);
}
