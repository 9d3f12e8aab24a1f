using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lakegate.Gateway.Authorizers.Jwt;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lakegate.Gateway.Tests.Authorizers;

/// <summary>
/// The JWT validator against a real issuer on loopback (discovery + JWKS served by Kestrel) and a
/// fake clock: the library's lenient defaults are locked down, and unknown kids refetch keys at
/// most once per interval.
/// </summary>
public sealed class JwtTokenValidatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RSA _rotated = RSA.Create(2048);
    private readonly List<object> _keys = [];
    private WebApplication _issuerApp = null!;
    private string _issuer = null!;
    private int _jwksFetches;
    private SigningKeyRegistry _registry = null!;
    private JwtTokenValidator _validator = null!;

    public async Task InitializeAsync()
    {
        _keys.Add(Jwk(_rsa, "k1"));
        // A symmetric key in a public JWKS must never be used.
        _keys.Add(new { kty = "oct", kid = "hmac", k = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("a-shared-secret-of-at-least-32-bytes!!")) });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _issuerApp = builder.Build();
        _issuerApp.MapGet("/.well-known/openid-configuration", () => Results.Json(new { issuer = _issuer, jwks_uri = _issuer + "/jwks" }));
        _issuerApp.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref _jwksFetches);
            return Results.Text(JsonSerializer.Serialize(new { keys = _keys.ToArray() }), "application/json");
        });
        await _issuerApp.StartAsync();
        _issuer = Hosting.GatewayHost.ListeningAddresses(_issuerApp)[0].TrimEnd('/');
        _registry = new SigningKeyRegistry(new JwtSettings(), _clock, NullLogger<SigningKeyRegistry>.Instance);
        _validator = new JwtTokenValidator(_registry, _clock);
    }

    public async Task DisposeAsync()
    {
        _registry.Dispose();
        await _issuerApp.DisposeAsync();
        _rsa.Dispose();
        _rotated.Dispose();
    }

    private static object Jwk(RSA rsa, string kid)
    {
        var p = rsa.ExportParameters(false);
        return new { kty = "RSA", kid, use = "sig", alg = "RS256", n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) };
    }

    private string Token(SecurityKey key, string algorithm, string? kid, TimeSpan? expiresIn = null, string? issuer = null)
    {
        if (kid is not null)
        {
            key.KeyId = kid;
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? _issuer,
            Claims = new Dictionary<string, object> { ["sub"] = "u1", ["aud"] = "api" },
            IssuedAt = now,
            Expires = now + (expiresIn ?? TimeSpan.FromMinutes(5)),
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    private string Rs256(string kid = "k1", TimeSpan? expiresIn = null) => Token(new RsaSecurityKey(_rsa), SecurityAlgorithms.RsaSha256, kid, expiresIn);

    [Fact]
    public async Task Validate_Rs256WithKnownKid_IsValid()
    {
        var result = await _validator.ValidateAsync(Rs256(), _issuer, CancellationToken.None);

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal("u1", result.Payload!.Value.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Validate_Hs256WithTheJwksSymmetricKey_IsRefused()
    {
        var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("a-shared-secret-of-at-least-32-bytes!!"));

        var result = await _validator.ValidateAsync(Token(secret, SecurityAlgorithms.HmacSha256, "hmac"), _issuer, CancellationToken.None);

        Assert.False(result.IsValid);
        Assert.Equal("algorithm 'HS256' is not allowed", result.Problem);
    }

    [Fact]
    public async Task Validate_Hs256KeyedWithThePublicKey_IsRefused()
    {
        var publicPem = Encoding.UTF8.GetBytes(_rsa.ExportSubjectPublicKeyInfoPem());

        var result = await _validator.ValidateAsync(Token(new SymmetricSecurityKey(publicPem), SecurityAlgorithms.HmacSha256, "k1"), _issuer, CancellationToken.None);

        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task Validate_ExpiredBeyondOurSkew_IsRefused_ThoughTheLibraryDefaultWouldAccept()
    {
        // Expired 2 minutes ago: inside Microsoft.IdentityModel's default 5-minute skew, outside ours (60 s).
        Assert.False((await _validator.ValidateAsync(Rs256(expiresIn: TimeSpan.FromMinutes(-2)), _issuer, CancellationToken.None)).IsValid);
        Assert.True((await _validator.ValidateAsync(Rs256(expiresIn: TimeSpan.FromSeconds(-30)), _issuer, CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task Validate_ClockAdvancesPastExpiry_IsRefused()
    {
        var token = Rs256(expiresIn: TimeSpan.FromMinutes(5));
        Assert.True((await _validator.ValidateAsync(token, _issuer, CancellationToken.None)).IsValid);

        _clock.Advance(TimeSpan.FromMinutes(7));

        Assert.False((await _validator.ValidateAsync(token, _issuer, CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task Validate_NoKidOrOtherIssuer_IsRefused()
    {
        Assert.Equal("the token names no kid", (await _validator.ValidateAsync(Token(new RsaSecurityKey(_rsa), SecurityAlgorithms.RsaSha256, null), _issuer, CancellationToken.None)).Problem);
        Assert.False((await _validator.ValidateAsync(Token(new RsaSecurityKey(_rsa), SecurityAlgorithms.RsaSha256, "k1", issuer: "https://other.example.com"), _issuer, CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task UnknownKid_RefetchesAtMostOncePerInterval_ThenFindsTheRotatedKey()
    {
        Assert.True((await _validator.ValidateAsync(Rs256(), _issuer, CancellationToken.None)).IsValid);
        Assert.Equal(1, _jwksFetches);

        _keys.Add(Jwk(_rotated, "k2"));
        var rotated = Token(new RsaSecurityKey(_rotated), SecurityAlgorithms.RsaSha256, "k2");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("unknown kid", (await _validator.ValidateAsync(rotated, _issuer, CancellationToken.None)).Problem);
        }

        Assert.Equal(1, _jwksFetches);

        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True((await _validator.ValidateAsync(rotated, _issuer, CancellationToken.None)).IsValid);
        Assert.Equal(2, _jwksFetches);
    }

    [Fact]
    public async Task UnreachableIssuer_IsUnavailable_NotValid()
    {
        var result = await _validator.ValidateAsync(Rs256(), "http://127.0.0.1:9/nobody", CancellationToken.None);

        Assert.False(result.IsValid);
        Assert.True(result.KeysUnavailable);
    }
}
