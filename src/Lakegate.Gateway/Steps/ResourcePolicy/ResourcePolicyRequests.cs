using System.Globalization;
using Lakegate.Core.Iam;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Steps.ResourcePolicy;

/// <summary>Builds the IAM request (action, resource, condition keys) for a gateway request.</summary>
public static class ResourcePolicyRequests
{
    public static IamRequest Anonymous(GatewayContext context, string methodArn) => For(context, methodArn, null);

    /// <summary>Condition keys API Gateway offers: aws:SourceIp, aws:SecureTransport, aws:CurrentTime, aws:EpochTime, aws:Referer, aws:UserAgent, plus the principal's.</summary>
    public static IamRequest For(GatewayContext context, string methodArn, IamPrincipal? principal)
    {
        var request = context.Http.Request;
        var keys = new List<KeyValuePair<string, string>>(6)
        {
            new("aws:SourceIp", context.SourceIp),
            new("aws:SecureTransport", request.IsHttps ? "true" : "false"),
            new("aws:CurrentTime", context.RequestTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new("aws:EpochTime", context.RequestTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (request.Headers.Referer is { Count: > 0 } referer)
        {
            keys.Add(new("aws:Referer", referer.ToString()));
        }

        if (request.Headers.UserAgent is { Count: > 0 } agent)
        {
            keys.Add(new("aws:UserAgent", agent.ToString()));
        }

        return IamRequest.Create(ExecuteApiArn.InvokeAction, methodArn, principal, keys);
    }
}
