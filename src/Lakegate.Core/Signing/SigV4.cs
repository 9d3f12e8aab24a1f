using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lakegate.Core.Signing;

/// <summary>
/// AWS Signature Version 4 (HMAC-SHA256): string to sign, signing key, signature, the Authorization header and the
/// presigned (query-string) form. Pure functions over <see cref="SigningRequest"/>, so the same code signs the
/// gateway's calls to AWS services and verifies SigV4 requests that reach the gateway.
/// </summary>
public static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>Hex SHA-256 of the empty string.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public const string DateHeader = "x-amz-date";
    public const string SecurityTokenHeader = "x-amz-security-token";
    public const string ContentSha256Header = "x-amz-content-sha256";

    public const string AlgorithmParameter = "X-Amz-Algorithm";
    public const string CredentialParameter = "X-Amz-Credential";
    public const string DateParameter = "X-Amz-Date";
    public const string ExpiresParameter = "X-Amz-Expires";
    public const string SignedHeadersParameter = "X-Amz-SignedHeaders";
    public const string SecurityTokenParameter = "X-Amz-Security-Token";
    public const string SignatureParameter = "X-Amz-Signature";

    /// <summary><c>yyyyMMdd'T'HHmmss'Z'</c>, the X-Amz-Date format.</summary>
    public static string FormatAmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParseAmzDate(string? value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>Lower-case hex SHA-256 of a payload.</summary>
    public static string HashPayload(ReadOnlySpan<byte> payload)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary><c>AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{hex sha256(canonical request)}</c>.</summary>
    public static string StringToSign(string amzDate, SigningScope scope, string canonicalRequest)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return $"{Algorithm}\n{amzDate}\n{scope}\n{HashPayload(Encoding.UTF8.GetBytes(canonicalRequest))}";
    }

    /// <summary>HMAC chain <c>AWS4{secret}</c> → date → region → service → <c>aws4_request</c>.</summary>
    public static byte[] DeriveSigningKey(string secretAccessKey, SigningScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), scope.Date);
        key = Hmac(key, scope.Region);
        key = Hmac(key, scope.Service);
        return Hmac(key, SigningScope.Terminator);
    }

    /// <summary>Hex HMAC-SHA256 of a string to sign under a derived key.</summary>
    public static string Sign(byte[] signingKey, string stringToSign) => Convert.ToHexStringLower(Hmac(signingKey, stringToSign));

    /// <summary>
    /// The signature of a request: canonical request (with <paramref name="signedHeaders"/>), string to sign with
    /// <paramref name="amzDate"/> and <paramref name="scope"/>, HMAC with the key derived from the secret. For a
    /// presigned request pass <paramref name="presigned"/> so <c>X-Amz-Signature</c> is left out of the query.
    /// </summary>
    public static string ComputeSignature(
        SigningRequest request,
        IReadOnlyList<string> signedHeaders,
        string secretAccessKey,
        SigningScope scope,
        string amzDate,
        CanonicalUriStyle style,
        bool presigned = false)
    {
        var canonical = CanonicalRequest.Build(request, signedHeaders, style, excludeSignatureFromQuery: presigned);
        return Sign(DeriveSigningKey(secretAccessKey, scope), StringToSign(amzDate, scope, canonical));
    }

    /// <summary>
    /// Signs a request with an Authorization header. Returns the headers to add: <c>x-amz-date</c>,
    /// <c>x-amz-security-token</c> (temporary credentials), <c>x-amz-content-sha256</c> (when
    /// <paramref name="includeContentSha256"/>, as S3 requires) and <c>Authorization</c>. <paramref name="signedHeaders"/>
    /// names the request's own headers to sign (host is always signed); the added x-amz-* headers are signed too.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SignHeaders(
        SigningRequest request,
        IReadOnlyList<string> signedHeaders,
        AwsCredentials credentials,
        SigningScope scope,
        DateTimeOffset time,
        CanonicalUriStyle style,
        bool includeContentSha256 = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var amzDate = FormatAmzDate(time);
        var added = new List<KeyValuePair<string, string>> { new(DateHeader, amzDate) };
        if (credentials.SessionToken is { Length: > 0 } token)
        {
            added.Add(new(SecurityTokenHeader, token));
        }

        if (includeContentSha256)
        {
            added.Add(new(ContentSha256Header, request.PayloadHash));
        }

        var headers = new List<KeyValuePair<string, string>>(request.Headers.Count + added.Count);
        foreach (var header in request.Headers)
        {
            if (!IsReplaced(header.Key, added))
            {
                headers.Add(header);
            }
        }

        headers.AddRange(added);
        var names = new List<string>(signedHeaders.Count + added.Count + 1) { "host" };
        names.AddRange(signedHeaders);
        foreach (var header in added)
        {
            names.Add(header.Key);
        }

        var signing = request with { Headers = headers };
        var signature = ComputeSignature(signing, names, credentials.SecretAccessKey, scope, amzDate, style);
        added.Add(new("Authorization", AuthorizationHeader(credentials.AccessKeyId, scope, names, signature)));
        return added;
    }

    /// <summary><c>AWS4-HMAC-SHA256 Credential={key}/{scope}, SignedHeaders={a;b}, Signature={hex}</c>.</summary>
    public static string AuthorizationHeader(string accessKeyId, SigningScope scope, IReadOnlyList<string> signedHeaders, string signature) =>
        $"{Algorithm} Credential={accessKeyId}/{scope}, SignedHeaders={CanonicalRequest.SignedHeaderList(signedHeaders)}, Signature={signature}";

    /// <summary>
    /// The presigned form: returns the request's query string with <c>X-Amz-Algorithm</c>, <c>-Credential</c>,
    /// <c>-Date</c>, <c>-Expires</c>, <c>-SignedHeaders</c>, <c>-Security-Token</c> (temporary credentials) and
    /// <c>-Signature</c> appended (already URI-encoded). The payload hash of a presigned URL is usually
    /// <see cref="UnsignedPayload"/> (S3); set it on the request.
    /// </summary>
    public static string Presign(
        SigningRequest request,
        IReadOnlyList<string> signedHeaders,
        AwsCredentials credentials,
        SigningScope scope,
        DateTimeOffset time,
        TimeSpan expires,
        CanonicalUriStyle style)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var amzDate = FormatAmzDate(time);
        var names = new List<string>(signedHeaders.Count + 1) { "host" };
        names.AddRange(signedHeaders);
        var query = new StringBuilder(request.Query);
        void Add(string name, string value)
        {
            if (query.Length > 0)
            {
                query.Append('&');
            }

            query.Append(name).Append('=').Append(CanonicalRequest.Encode(value, encodeSlash: true));
        }

        Add(AlgorithmParameter, Algorithm);
        Add(CredentialParameter, $"{credentials.AccessKeyId}/{scope}");
        Add(DateParameter, amzDate);
        Add(ExpiresParameter, ((long)expires.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        Add(SignedHeadersParameter, CanonicalRequest.SignedHeaderList(names));
        if (credentials.SessionToken is { Length: > 0 } token)
        {
            Add(SecurityTokenParameter, token);
        }

        var signing = request with { Query = query.ToString() };
        var signature = ComputeSignature(signing, names, credentials.SecretAccessKey, scope, amzDate, style);
        Add(SignatureParameter, signature);
        return query.ToString();
    }

    /// <summary>
    /// Checks a parsed signature against the request it came with: recomputes the signature with the caller's secret
    /// (looked up by <see cref="SigV4Authorization.AccessKeyId"/>) and compares in constant time. Freshness (date
    /// skew, X-Amz-Expires) is the caller's policy: see <see cref="SigV4Authorization.SigningTime"/>.
    /// </summary>
    public static bool Verify(SigningRequest request, SigV4Authorization authorization, string secretAccessKey, CanonicalUriStyle style)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var expected = ComputeSignature(request, authorization.SignedHeaders, secretAccessKey, authorization.Scope,
            authorization.AmzDate, style, presigned: authorization.Presigned);
        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expected),
            Encoding.ASCII.GetBytes(authorization.Signature.ToLowerInvariant()));
    }

    // A header the signer sets replaces one the request already had, so it is neither sent nor signed twice.
    private static bool IsReplaced(string name, List<KeyValuePair<string, string>> added)
    {
        if (name.Equals("authorization", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var header in added)
        {
            if (name.Equals(header.Key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
