using Lakegate.Core.Datasets;
using Lakegate.Core.Definitions;
using Lakegate.Core.Sql;

namespace Lakegate.Core.Loading;

/// <summary>
/// Routes that run <c>sql</c> queries: the route must name a declared query (a warning when the
/// definition declares none, as admin-API deployments cannot), and every <c>from: path</c>
/// parameter must be a parameter of the route's path.
/// </summary>
internal sealed class SqlValidator : IDefinitionValidator
{
    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        foreach (var api in config.Apis)
        {
            foreach (var route in api.Routes.Where(r => r.Integration.Type == IntegrationType.Sql))
            {
                var position = route.Integration.Position ?? route.Position;
                var label = $"api {api.Id}: route {route.RouteKey}: integration";
                var name = SqlReference.Query(route.Integration);
                if (name is null)
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: a sql integration needs 'query: NAME'"));
                    continue;
                }

                var query = config.Sql.Queries.FirstOrDefault(q => q.Name == name);
                if (query is null)
                {
                    diagnostics.Add(config.Sql.Queries.Count == 0
                        ? Diagnostic.Warning(position, $"{label}: query '{name}' is not declared in this definition; the serving node must declare it, else requests get 500")
                        : Diagnostic.Error(position, $"{label}: query '{name}' is not declared under sql.queries"));
                    continue;
                }

                var pathParameters = DatasetReference.PathParameters(route.Path);
                foreach (var parameter in query.Parameters.Where(p => p.From == SqlParameterSource.Path && !pathParameters.Contains(p.Key)))
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: query '{name}' reads parameter '{parameter.Name}' from path parameter {{{parameter.Key}}}, which {route.Path} does not have"));
                }
            }
        }
    }
}
