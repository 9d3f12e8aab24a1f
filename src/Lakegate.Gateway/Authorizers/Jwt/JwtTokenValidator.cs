using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lakegate.Gateway.Authorizers.Jwt;

/// <summary>
/// Verifies a compact JWS with Microsoft.IdentityModel, with its lenient defaults locked down:
/// only asymmetric algorithms (never <c>none</c>, never HS* — an HMAC "signed" with a public RSA key
/// is the classic confusion attack), a <c>kid</c> that names a key of the issuer's JWKS, an exact
/// issuer, a required <c>exp</c>, <c>nbf</c>/<c>iat</c> not in the future, and our own clock and skew.
/// Audience, scopes and <c>token_use</c> are checked by the caller (they differ per authorizer kind).
/// </summary>
public sealed class JwtTokenValidator
{
    /// <summary>The algorithms a token may use. API Gateway documents RSA; EC and PSS are asymmetric too and safe to accept.</summary>
    public static readonly IReadOnlyList<string> AllowedAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false, MaximumTokenSizeInBytes = 16 * 1024 };
    private readonly SigningKeyRegistry _keys;
    private readonly TimeProvider _time;

    public JwtTokenValidator(SigningKeyRegistry keys, TimeProvider time)
    {
        _keys = keys;
        _time = time;
    }

    /// <summary>The verified payload, or a reason (for the log only) when the token is refused.</summary>
    public async ValueTask<JwtValidation> ValidateAsync(string token, string issuer, CancellationToken cancellationToken)
    {
        if (token.Length > _handler.MaximumTokenSizeInBytes || token.Count(c => c == '.') != 2)
        {
            return JwtValidation.Refused("not a compact JWS");
        }

        JsonWebToken parsed;
        try
        {
            parsed = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return JwtValidation.Refused("malformed token");
        }

        // Checked before the library sees the token, so no default of it can widen the set.
        if (!AllowedAlgorithms.Contains(parsed.Alg, StringComparer.Ordinal))
        {
            return JwtValidation.Refused($"algorithm '{parsed.Alg}' is not allowed");
        }

        if (string.IsNullOrEmpty(parsed.Kid))
        {
            return JwtValidation.Refused("the token names no kid");
        }

        var (key, reachable) = await _keys.For(issuer).FindAsync(parsed.Kid, cancellationToken);
        if (!reachable)
        {
            return JwtValidation.Unavailable("the issuer's keys could not be fetched");
        }

        if (key is null)
        {
            return JwtValidation.Refused("unknown kid");
        }

        var skew = _keys.Settings.ClockSkew;
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidateIssuer = true,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            RequireAudience = false,
            ValidAlgorithms = AllowedAlgorithms,
            IssuerSigningKey = key,
            TryAllIssuerSigningKeys = false,
            ValidateIssuerSigningKey = false,
            ClockSkew = skew,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = _time.GetUtcNow().UtcDateTime;
                return expires is { } exp && exp > now - skew && (notBefore is not { } nbf || nbf <= now + skew);
            },
        };

        var result = await _handler.ValidateTokenAsync(parsed, parameters);
        if (!result.IsValid)
        {
            return JwtValidation.Refused(result.Exception?.GetType().Name ?? "invalid token");
        }

        var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parsed.EncodedPayload)).RootElement.Clone();
        if (payload.TryGetProperty("iat", out var iat) && iat.TryGetDouble(out var issuedAt)
            && DateTimeOffset.FromUnixTimeSeconds((long)issuedAt) > _time.GetUtcNow() + skew)
        {
            return JwtValidation.Refused("iat is in the future");
        }

        return JwtValidation.Valid(payload);
    }

}
