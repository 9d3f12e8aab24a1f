using Lakegate.Core.Definitions;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Responses;

/// <summary>Headers the gateway adds to every integration response: the request id, and which deployment served a canary stage.</summary>
public static class ResponseHeaders
{
    public const string Canary = "x-lakegate-canary";

    public static void Stamp(GatewayContext context)
    {
        var headers = context.Http.Response.Headers;
        if (context.ApiKind == ApiKind.Http)
        {
            headers["apigw-requestid"] = context.RequestId;
        }
        else
        {
            headers["x-amzn-RequestId"] = context.RequestId;
        }

        if (context.IsCanaryRequest is { } canary)
        {
            headers[Canary] = canary ? "true" : "false";
        }
    }
}
