using Lakegate.Core.Cors;
using Lakegate.Core.Definitions;
using Lakegate.Core.Routing;
using Lakegate.Gateway.Responses;

namespace Lakegate.Gateway.Deployments;

/// <summary>
/// A deployment compiled for serving: immutable, shared by every request and every stage that
/// points at it. Requests keep a reference to the model they started with, so swapping a stage to
/// a new deployment never disturbs requests in flight.
/// </summary>
public sealed class DeploymentModel
{
    /// <summary>The account id Lakegate reports where AWS formats need one (ARNs, $context.accountId).</summary>
    public const string AccountId = "000000000000";

    public DeploymentModel(string deploymentId, ApiDefinition definition, RouteTable<RouteModel> routes, GatewayResponseSet gatewayResponses, CorsPolicy? cors = null)
    {
        DeploymentId = deploymentId;
        Definition = definition;
        Routes = routes;
        GatewayResponses = gatewayResponses;
        Cors = cors;
    }

    public string DeploymentId { get; }

    public string ApiId => Definition.Id;

    public ApiKind Kind => Definition.Kind;

    public ApiDefinition Definition { get; }

    public RouteTable<RouteModel> Routes { get; }

    public GatewayResponseSet GatewayResponses { get; }

    /// <summary>HTTP APIs with a CORS configuration; null otherwise.</summary>
    public CorsPolicy? Cors { get; }
}
