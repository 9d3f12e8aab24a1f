using Lakegate.Core.GatewayResponses;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Steps.ApiKey;

/// <summary>
/// On a route with <c>apiKeyRequired</c>: the <c>x-api-key</c> header must hold an enabled key that
/// a usage plan binds to this api stage. Anything else (missing, unknown, disabled, not in a plan
/// for the stage, sent twice) is 403 <c>INVALID_API_KEY</c>, as on AWS. Query-string keys are not read.
/// </summary>
internal sealed class ApiKeyStep : IGatewayStep
{
    public const string HeaderName = "x-api-key";

    private static readonly GatewayError Invalid = new(GatewayResponseType.InvalidApiKey);

    public ValueTask InvokeAsync(GatewayContext context, GatewayStepDelegate next)
    {
        var values = context.Http.Request.Headers[HeaderName];
        if (values.Count != 1
            || values[0] is not { Length: > 0 } value
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
