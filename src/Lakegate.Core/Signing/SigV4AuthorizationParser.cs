using System.Globalization;

namespace Lakegate.Core.Signing;

/// <summary>
/// Reads a SigV4 signature from a request: the <c>Authorization</c> header
/// (<c>AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...</c> with <c>X-Amz-Date</c> or <c>Date</c>)
/// or presigned query parameters (<c>X-Amz-Algorithm</c> ... <c>X-Amz-Signature</c>). Failures are values with a
/// message fit for a client (no secrets are involved in parsing).
/// </summary>
public static class SigV4AuthorizationParser
{
    /// <summary>True when the request carries any SigV4 material (header or query), so a parse failure is an
    /// invalid signature rather than a missing one.</summary>
    public static bool IsPresent(string? authorizationHeader, string query) =>
        (authorizationHeader?.TrimStart().StartsWith(SigV4.Algorithm, StringComparison.Ordinal) ?? false)
        || CanonicalRequest.ParseQuery(query).Any(p => p.Name == SigV4.AlgorithmParameter);

    /// <summary>Parses an Authorization header. <paramref name="amzDate"/> is the request's X-Amz-Date header.</summary>
    public static bool TryParseHeader(string? authorizationHeader, string? amzDate, string? securityToken,
        out SigV4Authorization? authorization, out string error)
    {
        authorization = null;
        var value = authorizationHeader?.Trim() ?? "";
        if (!value.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal))
        {
            error = $"Authorization header requires the {SigV4.Algorithm} algorithm.";
            return false;
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in value[(SigV4.Algorithm.Length + 1)..].Split(','))
        {
            var item = part.Trim();
            var equals = item.IndexOf('=');
            if (equals <= 0)
            {
                error = $"Authorization header component is not key=value: '{Truncate(item)}'.";
                return false;
            }

            var key = item[..equals];
            var componentValue = item[(equals + 1)..];
            switch (key)
            {
                case "Credential": credential = componentValue; break;
                case "SignedHeaders": signedHeaders = componentValue; break;
                case "Signature": signature = componentValue; break;
                default:
                    error = $"Authorization header has an unknown component '{Truncate(key)}'.";
                    return false;
            }
        }

        if (amzDate is null)
        {
            error = "Authorization header requires an 'X-Amz-Date' or 'Date' header.";
            return false;
        }

        return TryBuild(credential, signedHeaders, signature, amzDate.Trim(), presigned: false, expires: null, securityToken,
            "Authorization header", out authorization, out error);
    }

    /// <summary>Parses presigned query parameters from a raw query string.</summary>
    public static bool TryParseQuery(string query, out SigV4Authorization? authorization, out string error)
    {
        authorization = null;
        string? algorithm = null, credential = null, date = null, expires = null, signedHeaders = null, token = null, signature = null;
        foreach (var (name, value) in CanonicalRequest.ParseQuery(query))
        {
            switch (name)
            {
                case SigV4.AlgorithmParameter: algorithm = value; break;
                case SigV4.CredentialParameter: credential = value; break;
                case SigV4.DateParameter: date = value; break;
                case SigV4.ExpiresParameter: expires = value; break;
                case SigV4.SignedHeadersParameter: signedHeaders = value; break;
                case SigV4.SecurityTokenParameter: token = value; break;
                case SigV4.SignatureParameter: signature = value; break;
            }
        }

        if (algorithm != SigV4.Algorithm)
        {
            error = $"{SigV4.AlgorithmParameter} must be {SigV4.Algorithm}.";
            return false;
        }

        if (date is null)
        {
            error = $"Query-string authentication requires the {SigV4.DateParameter} parameter.";
            return false;
        }

        TimeSpan? lifetime = null;
        if (expires is not null)
        {
            if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 604_800)
            {
                error = $"{SigV4.ExpiresParameter} must be a whole number of seconds, at most 604800.";
                return false;
            }

            lifetime = TimeSpan.FromSeconds(seconds);
        }

        return TryBuild(credential, signedHeaders, signature, date, presigned: true, lifetime, token,
            "Query-string authentication", out authorization, out error);
    }

    private static bool TryBuild(string? credential, string? signedHeaders, string? signature, string amzDate, bool presigned,
        TimeSpan? expires, string? token, string where, out SigV4Authorization? authorization, out string error)
    {
        authorization = null;
        if (credential is null || signedHeaders is null || signature is null)
        {
            error = $"{where} requires Credential, SignedHeaders and Signature.";
            return false;
        }

        var slash = credential.IndexOf('/');
        if (slash <= 0 || !SigningScope.TryParse(credential[(slash + 1)..], out var scope) || scope is null)
        {
            error = $"{where} has a malformed Credential: expected <access key>/<yyyyMMdd>/<region>/<service>/aws4_request.";
            return false;
        }

        var names = signedHeaders.Split(';');
        foreach (var name in names)
        {
            if (name.Length == 0 || name.Any(c => char.IsUpper(c) || char.IsWhiteSpace(c)))
            {
                error = $"{where} has malformed SignedHeaders: names must be lower-case and separated by ';'.";
                return false;
            }
        }

        if (!names.Contains("host"))
        {
            error = $"{where} must sign the 'host' header.";
            return false;
        }

        if (signature.Length != 64 || !signature.All(Uri.IsHexDigit))
        {
            error = $"{where} has a malformed Signature: expected 64 hex digits.";
            return false;
        }

        authorization = new SigV4Authorization(credential[..slash], scope, names, signature, amzDate, presigned, expires, token);
        error = "";
        return true;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
