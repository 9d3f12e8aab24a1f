using Lakegate.Core.GatewayResponses;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Steps.ApiKey;

/// <summary>
/// <c>apiKeySource: AUTHORIZER</c>: the key is the Lambda authorizer's <c>usageIdentifierKey</c>
/// (the <c>x-api-key</c> header is ignored), checked like a header key: enabled, in a usage plan of
/// this api stage, else 403 <c>INVALID_API_KEY</c>. A route without an authorizer has no key, so it
/// fails closed the same way.
/// </summary>
internal sealed class AuthorizerApiKeyStep : IGatewayStep
{
    private static readonly GatewayError Invalid = new(GatewayResponseType.InvalidApiKey);

    public ValueTask InvokeAsync(GatewayContext context, GatewayStepDelegate next)
    {
        if (context.Authorizer?.UsageIdentifierKey is not { Length: > 0 } value
            || context.Stage?.UsagePlans is not { } plans
            || plans.KeysByHash.Count == 0
            || !plans.KeysByHash.TryGetValue(ApiKeyHash.Compute(value), out var key))
        {
            context.Error = Invalid;
            return ValueTask.CompletedTask;
        }

        context.ApiKey = value;
        context.ApiKeyId = key.KeyId;
        context.UsagePlanKey = key;
        return next(context);
    }
}
