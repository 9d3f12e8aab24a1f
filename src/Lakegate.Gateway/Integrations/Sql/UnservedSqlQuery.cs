using Lakegate.Core.GatewayResponses;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Integrations.Sql;

/// <summary>A sql route whose query this node does not declare (a definition deployed through the admin API): 500 naming it.</summary>
internal sealed class UnservedSqlQuery(string? name) : IIntegration
{
    public ValueTask InvokeAsync(GatewayContext context)
    {
        context.Error = new GatewayError(GatewayResponseType.ApiConfigurationError, Detail: $"sql query '{name}' is not declared on this node");
        return ValueTask.CompletedTask;
    }
}
