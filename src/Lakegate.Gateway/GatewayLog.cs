using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway;

/// <summary>Every log line of the gateway, source-generated, with stable event ids.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1001, LogLevel.Information, "Serving store revision {Revision} ({ApiCount} APIs)")]
    public static partial void SnapshotSwapped(ILogger logger, long revision, int apiCount);

    [LoggerMessage(1002, LogLevel.Warning, "Polling the definition store failed; still serving the current snapshot")]
    public static partial void StorePollFailed(ILogger logger, Exception exception);

    [LoggerMessage(1003, LogLevel.Error, "Deployment {DeploymentId} of API {ApiId} is referenced by a stage but missing from the store")]
    public static partial void DeploymentMissing(ILogger logger, string apiId, string deploymentId);

    [LoggerMessage(1004, LogLevel.Error, "Deployment {DeploymentId} of API {ApiId} does not compile; its stages are not served")]
    public static partial void DeploymentCompileFailed(ILogger logger, string apiId, string deploymentId, Exception exception);

    [LoggerMessage(2001, LogLevel.Warning, "{RequestId} integration failed: forwarder {ForwarderError}, answered {ResponseType} (cause {Cause})")]
    public static partial void IntegrationFailed(ILogger logger, string requestId, string forwarderError, string responseType, string cause);

    [LoggerMessage(2002, LogLevel.Error, "{RequestId} failed unexpectedly; answered 500")]
    public static partial void UnhandledError(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(2003, LogLevel.Warning, "{RequestId} gateway error {ResponseType}: {Detail}")]
    public static partial void GatewayErrorDetail(ILogger logger, string requestId, string responseType, string detail);

    [LoggerMessage(2004, LogLevel.Warning, "{RequestId} mapping template {Template} failed: {Error}")]
    public static partial void TemplateFailed(ILogger logger, string requestId, string template, string error);

    [LoggerMessage(3001, LogLevel.Information,
        "{RequestId} {ApiId} {Stage} {DeploymentId} canary={Canary} \"{Method} {Path}\" {Status} {LatencyMs:0.0}ms integration={IntegrationLatencyMs:0.0}ms error={ResponseType}")]
    public static partial void Access(ILogger logger, string requestId, string? apiId, string? stage, string? deploymentId, string canary,
        string method, string path, int status, double latencyMs, double integrationLatencyMs, string responseType);

    [LoggerMessage(1101, LogLevel.Error, "Deployment {DeploymentId} of API {ApiId} references secrets that cannot be resolved ({Errors}); its stages are not served")]
    public static partial void DeploymentSecretsUnresolved(ILogger logger, string apiId, string deploymentId, string errors);

    [LoggerMessage(1102, LogLevel.Error, "Cannot decrypt {What}: wrong master key, or the stored value was altered")]
    public static partial void SecretDecryptFailed(ILogger logger, string what);

    // The exception itself is not logged: its message could quote a resolved secret value.
    [LoggerMessage(1103, LogLevel.Error, "Deployment {DeploymentId} of API {ApiId} (with secret values resolved) does not compile ({ExceptionType}); its stages are not served")]
    public static partial void DeploymentWithSecretsCompileFailed(ILogger logger, string apiId, string deploymentId, string exceptionType);
}
