using System.Text.Json;
using Lakegate.Core.Authorizers;
using Lakegate.Core.Definitions;
using Lakegate.Core.GatewayResponses;
using Lakegate.Gateway.Authorizers;
using Lakegate.Gateway.Authorizers.Jwt;
using Lakegate.Gateway.Pipeline;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Steps.Authorize;

/// <summary>
/// HTTP API JWT authorizers and REST Cognito user-pool authorizers (reference §5.4, §5.5). The token
/// (raw or <c>Bearer</c>) must verify against the issuer's keys; then <c>aud</c> or <c>client_id</c>
/// must be an allowed audience (JWT; Cognito only when <c>audience</c> is set), and the route's
/// scopes need at least one match in <c>scope</c>/<c>scp</c>. Every failure is 401
/// <c>Unauthorized</c>, except missing scopes on an HTTP API (403 <c>Forbidden</c>) and keys that
/// cannot be fetched (500 AUTHORIZER_FAILURE; nothing is let through).
/// </summary>
internal sealed class JwtAuthorizerStep(
    AuthorizerDefinition authorizer,
    ApiKind apiKind,
    IReadOnlyList<string> requiredScopes,
    JwtTokenValidator validator,
    ILogger logger) : IGatewayStep
{
    private static readonly GatewayError Unauthorized = new(GatewayResponseType.Unauthorized);
    private static readonly GatewayError Forbidden = new(GatewayResponseType.AccessDenied, "Forbidden");

    public async ValueTask InvokeAsync(GatewayContext context, GatewayStepDelegate next)
    {
        var values = IdentityValues.Read(context, authorizer.IdentitySources);
        if (values is null)
        {
            context.Error = Unauthorized;
            return;
        }

        var token = values[0].Trim();
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = token["Bearer ".Length..].Trim();
        }

        var validation = await validator.ValidateAsync(token, authorizer.Issuer!, context.RequestAborted);
        if (!validation.IsValid)
        {
            AuthorizerLog.Failed(logger, context.RequestId, authorizer.Name, validation.Problem!);
            context.Error = validation.KeysUnavailable
                ? new GatewayError(GatewayResponseType.AuthorizerFailure, Detail: $"authorizer {authorizer.Name}: {validation.Problem}")
                : Unauthorized;
            return;
        }

        var payload = validation.Payload!.Value;
        if (payload.ValueKind != JsonValueKind.Object)
        {
            context.Error = Unauthorized;
            return;
        }

        var tokenUse = payload.TryGetProperty("token_use", out var use) && use.ValueKind == JsonValueKind.String ? use.GetString() : null;
        if (authorizer.Kind == AuthorizerKind.CognitoUserPools && tokenUse is not null)
        {
            // Cognito: an id token without scopes on the method; an access token when the method names scopes.
            var expected = requiredScopes.Count > 0 ? "access" : "id";
            if (tokenUse != expected)
            {
                Refuse(context, $"token_use {tokenUse}, expected {expected}");
                return;
            }
        }

        if ((authorizer.Kind == AuthorizerKind.Jwt || authorizer.Audiences.Count > 0) && !AudienceMatches(payload, authorizer.Audiences))
        {
            Refuse(context, "neither aud nor client_id is an allowed audience");
            return;
        }

        var scopes = Scopes(payload);
        if (requiredScopes.Count > 0 && (scopes is null || !requiredScopes.Any(scopes.Contains)))
        {
            AuthorizerLog.Failed(logger, context.RequestId, authorizer.Name, "no required scope");
            context.Error = apiKind == ApiKind.Http ? Forbidden : Unauthorized;
            return;
        }

        var claims = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in payload.EnumerateObject())
        {
            claims[property.Name] = property.Value;
        }

        context.Authorizer = new AuthorizerResult
        {
            Kind = authorizer.Kind,
            PrincipalId = payload.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null,
            Claims = claims,
            Scopes = scopes,
        };
        await next(context);
    }

    private void Refuse(GatewayContext context, string problem)
    {
        AuthorizerLog.Failed(logger, context.RequestId, authorizer.Name, problem);
        context.Error = Unauthorized;
    }

    private static bool AudienceMatches(JsonElement payload, IReadOnlyList<string> audiences)
    {
        if (payload.TryGetProperty("aud", out var aud))
        {
            if (aud.ValueKind == JsonValueKind.String && audiences.Contains(aud.GetString()!))
            {
                return true;
            }

            if (aud.ValueKind == JsonValueKind.Array && aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && audiences.Contains(a.GetString()!)))
            {
                return true;
            }
        }

        // Cognito (and other) access tokens carry the client in client_id and have no aud.
        return payload.TryGetProperty("client_id", out var client) && client.ValueKind == JsonValueKind.String && audiences.Contains(client.GetString()!);
    }

    private static List<string>? Scopes(JsonElement payload)
    {
        if (payload.TryGetProperty("scope", out var scope) && scope.ValueKind == JsonValueKind.String)
        {
            return [.. scope.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        }

        if (payload.TryGetProperty("scp", out var scp))
        {
            if (scp.ValueKind == JsonValueKind.String)
            {
                return [.. scp.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
            }

            if (scp.ValueKind == JsonValueKind.Array)
            {
                return [.. scp.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!)];
            }
        }

        return null;
    }
}
