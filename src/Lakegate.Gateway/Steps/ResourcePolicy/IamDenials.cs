using Lakegate.Core.GatewayResponses;
using Lakegate.Core.Iam;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Steps.ResourcePolicy;

/// <summary>The Gateway Responses of IAM and resource-policy denials, worded and shaped as API Gateway's (capital <c>Message</c>).</summary>
public static class IamDenials
{
    /// <summary>AWS answers a method ARN over 1600 bytes with 414 when authorization applies (reference §1.2).</summary>
    public static readonly GatewayError UriTooLong = new(GatewayResponseType.Default4xx, "Request URI too long", StatusCode: 414);

    public static GatewayError AccessDenied(string? principalArn, string methodArn, IamDecision decision) => new(
        GatewayResponseType.AccessDenied,
        $"User: {principalArn ?? "anonymous"} is not authorized to perform: {ExecuteApiArn.InvokeAction} on resource: {methodArn}"
            + (decision == IamDecision.ExplicitDeny ? " with an explicit deny" : string.Empty),
        MessageKey: "Message");
}
