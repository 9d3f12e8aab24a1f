using Lakegate.Core.GatewayResponses;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Steps.ApiKey;

/// <summary>
/// <c>apiKeySource: AUTHORIZER</c> takes the key from a Lambda authorizer's <c>usageIdentifierKey</c>;
/// until authorizers run, such routes fail closed with 403 rather than serve without a key.
/// </summary>
internal sealed class AuthorizerApiKeyStep : IGatewayStep
{
    private static readonly GatewayError Invalid = new(GatewayResponseType.InvalidApiKey, Detail: "apiKeySource AUTHORIZER needs authorizers, which this build does not run");

    public ValueTask InvokeAsync(GatewayContext context, GatewayStepDelegate next)
    {
        context.Error = Invalid;
        return ValueTask.CompletedTask;
    }
}
