namespace Lakegate.Core.Signing;

/// <summary>
/// A SigV4 signature as a request carries it, from the Authorization header or from presigned query parameters
/// (<see cref="SigV4AuthorizationParser"/>). <see cref="SignedHeaders"/> are lower-case names.
/// </summary>
public sealed record SigV4Authorization(
    string AccessKeyId,
    SigningScope Scope,
    IReadOnlyList<string> SignedHeaders,
    string Signature,
    string AmzDate,
    bool Presigned,
    TimeSpan? Expires,
    string? SecurityToken)
{
    /// <summary>The signing time from <see cref="AmzDate"/>; null when it is not a valid <c>yyyyMMddTHHmmssZ</c>.</summary>
    public DateTimeOffset? SigningTime => SigV4.TryParseAmzDate(AmzDate, out var time) ? time : null;

    /// <summary>The credential scope's date must be the signing time's UTC date (AWS rejects a mismatch).</summary>
    public bool ScopeDateMatches => AmzDate.Length >= 8 && string.CompareOrdinal(AmzDate, 0, Scope.Date, 0, 8) == 0;
}
