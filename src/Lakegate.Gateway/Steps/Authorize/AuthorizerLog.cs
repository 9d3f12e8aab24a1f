using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Steps.Authorize;

/// <summary>Log lines of authorizers (event ids 42xx). Never logs a token or identity value.</summary>
internal static partial class AuthorizerLog
{
    [LoggerMessage(4201, LogLevel.Warning, "{RequestId} authorizer {Authorizer} failed: {Problem}")]
    public static partial void Failed(ILogger logger, string requestId, string authorizer, string problem);

    [LoggerMessage(4202, LogLevel.Warning, "Fetching signing keys of issuer {Issuer} failed: {Problem}")]
    public static partial void KeysFailed(ILogger logger, string issuer, string problem);

    [LoggerMessage(4203, LogLevel.Information, "Fetched {Count} signing keys of issuer {Issuer}")]
    public static partial void KeysFetched(ILogger logger, string issuer, int count);
}
