using Lakegate.Core.Iam;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Steps.ResourcePolicy;

/// <summary>The <c>execute-api</c> ARNs policies are evaluated against, built from the request being served.</summary>
public static class MethodArns
{
    /// <summary>The region Lakegate reports in ARNs (it has no regions of its own).</summary>
    public const string Region = "us-east-1";

    public static string Api(string apiId) => ExecuteApiArn.Api(Region, DeploymentModel.AccountId, apiId);

    /// <summary><c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}</c> with the request's actual path.</summary>
    public static string For(GatewayContext context) =>
        ExecuteApiArn.Method(Region, DeploymentModel.AccountId, context.ApiId ?? string.Empty, context.Stage?.Name ?? string.Empty,
            context.Http.Request.Method.ToUpperInvariant(), context.Path);
}
