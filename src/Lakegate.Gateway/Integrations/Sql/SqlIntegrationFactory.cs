using Lakegate.Core.Definitions;
using Lakegate.Core.Sql;
using Lakegate.Gateway.Pipeline;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Integrations.Sql;

/// <summary>Compiles <c>sql</c> integrations: the named query and its connection, looked up once per deployment.</summary>
public sealed class SqlIntegrationFactory(SqlConnections connections, ILoggerFactory loggers) : IIntegrationFactory
{
    public IntegrationType Type => IntegrationType.Sql;

    public IIntegration Create(RouteCompileContext route)
    {
        var name = SqlReference.Query(route.Route.Integration);
        var query = name is null ? null : connections.Definition.Queries.FirstOrDefault(q => q.Name == name);
        if (query is null || !connections.Definition.Connections.Any(c => c.Name == query.Connection))
        {
            return new UnservedSqlQuery(name);
        }

        return new SqlIntegration(connections, query, loggers.CreateLogger("Lakegate.Sql"));
    }
}
