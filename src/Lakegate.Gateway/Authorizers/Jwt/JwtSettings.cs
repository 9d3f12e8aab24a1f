namespace Lakegate.Gateway.Authorizers.Jwt;

/// <summary>How JWT and Cognito authorizers fetch keys and judge time. Defaults follow API Gateway where it documents them.</summary>
public sealed record JwtSettings
{
    /// <summary>Discovery and JWKS requests each get this long (API Gateway: 1500 ms).</summary>
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Largest discovery document or JWKS read (API Gateway: 150000 bytes).</summary>
    public int MaxDocumentBytes { get; init; } = 150_000;

    /// <summary>Keys are refetched when older than this, so rotated-out keys stop being accepted.</summary>
    public TimeSpan KeyRefreshInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A token naming an unknown <c>kid</c> triggers a refetch at most this often per issuer (rotation without letting junk tokens hammer the issuer).</summary>
    public TimeSpan UnknownKeyRefetchInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Tolerance for <c>exp</c>, <c>nbf</c> and <c>iat</c> (the library's default of 5 minutes is replaced on purpose).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);
}
