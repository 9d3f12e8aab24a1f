using Lakegate.Core.Vtl;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Integrations.Mapping;

/// <summary>
/// <c>$context</c> as mapping templates see it: the request's <see cref="GatewayContext"/> (one
/// source of truth with access logs and events) plus the writable overrides. Only these documented
/// names are reachable; nothing else of .NET is.
/// </summary>
public sealed class ContextObject(GatewayContext context) : IVtlObject
{
    private VtlMap? _identity;
    private VtlMap? _authorizer;

    public OverrideObject RequestOverride { get; } = new(isResponse: false);

    public OverrideObject ResponseOverride { get; } = new(isResponse: true);

    public bool TryGetProperty(string name, out object? value)
    {
        value = name switch
        {
            "identity" => _identity ??= Identity(),
            "authorizer" => _authorizer ??= Authorizer(),
            "requestOverride" => RequestOverride,
            "responseOverride" => ResponseOverride,
            "requestTimeEpoch" => context.RequestTime.ToUnixTimeMilliseconds(),
            _ => context.GetContextVariable(name),
        };
        return true;
    }

    public bool TryInvoke(string method, IReadOnlyList<object?> arguments, out object? result)
    {
        result = null;
        return false;
    }

    public bool TrySetProperty(string name, object? value) => false;

    private VtlMap Identity()
    {
        var identity = new VtlMap();
        foreach (var key in IdentityKeys)
        {
            identity[key] = null;
        }

        identity["sourceIp"] = context.SourceIp;
        identity["userAgent"] = context.GetContextVariable("identity.userAgent");
        identity["apiKey"] = context.ApiKey;
        identity["apiKeyId"] = context.ApiKeyId;
        if (context.Caller is { } caller)
        {
            identity["accessKey"] = caller.AccessKey;
            identity["accountId"] = caller.AccountId;
            identity["caller"] = caller.Caller;
            identity["user"] = caller.User;
            identity["userArn"] = caller.UserArn;
        }

        return identity;
    }

    /// <summary>principalId, each context value as text (as API Gateway stringifies them), and claims for JWT/Cognito.</summary>
    private VtlMap Authorizer()
    {
        var map = new VtlMap();
        if (context.Authorizer is not { } result)
        {
            return map;
        }

        foreach (var (key, value) in result.Context)
        {
            map[key] = Authorizers.AuthorizerResult.Text(value);
        }

        if (result.PrincipalId is not null)
        {
            map["principalId"] = result.PrincipalId;
        }

        if (result.Claims is { } claims)
        {
            var claimMap = new VtlMap();
            foreach (var (key, value) in claims)
            {
                claimMap[key] = Authorizers.AuthorizerResult.Text(value);
            }

            map["claims"] = claimMap;
        }

        return map;
    }

    private static readonly string[] IdentityKeys =
    [
        "accessKey", "accountId", "apiKey", "apiKeyId", "caller", "cognitoAuthenticationProvider", "cognitoAuthenticationType",
        "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId", "sourceIp", "user", "userAgent", "userArn",
    ];
}
