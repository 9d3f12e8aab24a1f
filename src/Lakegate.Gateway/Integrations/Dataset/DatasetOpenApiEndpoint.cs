using Lakegate.Core.GatewayResponses;
using Lakegate.Gateway.Data;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Pipeline;
using Lakegate.Gateway.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lakegate.Gateway.Integrations.Dataset;

/// <summary><c>GET /_lakegate/openapi/{apiId}/{stage}</c>: the stage's dataset routes as OpenAPI 3.1 (403 Missing Authentication Token for an unknown api or stage, as any miss).</summary>
internal static class DatasetOpenApiEndpoint
{
    public static async Task WriteAsync(GatewayContext context, ServingSnapshot snapshot, string apiId, string stage)
    {
        var target = InvokeUrlResolver.Resolve(snapshot, "127.0.0.1", [apiId, stage]);
        var catalog = context.Http.RequestServices.GetService<DatasetCatalog>();
        if (target.Api is null || target.Stage is not { } model || catalog is null || !HttpMethodsAllowGet(context))
        {
            context.Error = new GatewayError(GatewayResponseType.MissingAuthenticationToken);
            return;
        }

        var document = await DatasetOpenApiWriter.WriteAsync(model.Deployment.Definition, model.Name, model.Deployment.DeploymentId, catalog, context.RequestAborted);
        var response = context.Http.Response;
        response.ContentType = "application/openapi+json";
        response.ContentLength = document.Length;
        await response.Body.WriteAsync(document, context.RequestAborted);
    }

    private static bool HttpMethodsAllowGet(GatewayContext context) => context.Http.Request.Method is "GET" or "HEAD";
}
