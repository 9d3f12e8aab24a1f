using Lakegate.Core.Cors;
using Lakegate.Core.Definitions;
using Lakegate.Core.Routing;
using Lakegate.Gateway.Pipeline;
using Lakegate.Gateway.Responses;

namespace Lakegate.Gateway.Deployments;

/// <summary>Compiles a stored deployment into a <see cref="DeploymentModel"/>: route table, chains, gateway responses.</summary>
public sealed class DeploymentCompiler(ChainCompiler chains)
{
    /// <summary>Throws for a definition that cannot compile (validation should have refused it before it was stored).</summary>
    public DeploymentModel Compile(string deploymentId, ApiDefinition definition)
    {
        var routes = definition.Routes.Select(route =>
        {
            var chain = chains.Compile(new RouteCompileContext(definition, route, deploymentId));
            return (route.Method, route.Path, new RouteModel(route, chain));
        });

        var mode = definition.Kind == ApiKind.Http ? RouteTableMode.Http : RouteTableMode.Rest;
        return new DeploymentModel(
            deploymentId,
            definition,
            RouteTable<RouteModel>.Build(routes, mode),
            GatewayResponseSet.Compile(definition.GatewayResponses),
            definition is { Kind: ApiKind.Http, Cors: { } cors } ? CorsPolicy.Compile(cors, out _) : null);
    }
}
