using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Integrations.Sql;

/// <summary>Log lines of sql routes (event ids 5200-5249).</summary>
internal static partial class SqlLog
{
    [LoggerMessage(5201, LogLevel.Warning, "{RequestId} sql query {Query} failed: {Reason}")]
    public static partial void QueryFailed(ILogger logger, string requestId, string query, string reason);
}
