using System.Text;

namespace Lakegate.Core.Signing;

/// <summary>
/// The canonical request of Signature Version 4, one piece at a time, so a signer and a verifier build exactly
/// the same string from the same wire request.
/// </summary>
public static class CanonicalRequest
{
    /// <summary>
    /// <c>METHOD\nURI\nQUERY\nHEADERS\n\nSIGNED_HEADERS\nPAYLOAD_HASH</c>. <paramref name="signedHeaders"/> are the
    /// lower-case names to sign; every one must be present in the request.
    /// </summary>
    public static string Build(SigningRequest request, IReadOnlyList<string> signedHeaders, CanonicalUriStyle style, bool excludeSignatureFromQuery = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signedHeaders);
        var builder = new StringBuilder(256);
        builder.Append(request.Method.ToUpperInvariant()).Append('\n');
        builder.Append(Uri(request.Path, style)).Append('\n');
        builder.Append(Query(request.Query, excludeSignatureFromQuery)).Append('\n');
        builder.Append(Headers(request.Headers, signedHeaders)).Append('\n');
        builder.Append(SignedHeaderList(signedHeaders)).Append('\n');
        builder.Append(request.PayloadHash);
        return builder.ToString();
    }

    /// <summary>The canonical URI of a wire path (see <see cref="CanonicalUriStyle"/>). An empty path is <c>/</c>.</summary>
    public static string Uri(string path, CanonicalUriStyle style)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        var segments = path.Split('/');
        var builder = new StringBuilder(path.Length + 16);
        if (style == CanonicalUriStyle.S3)
        {
            for (var i = 0; i < segments.Length; i++)
            {
                if (i > 0)
                {
                    builder.Append('/');
                }

                builder.Append(Encode(PercentDecode(segments[i]), encodeSlash: true));
            }

            var s3 = builder.ToString();
            return s3.StartsWith('/') ? s3 : "/" + s3;
        }

        // Standard, as the AWS SDKs do it: empty and '.' segments dropped, '..' drops the one before, and a trailing
        // slash kept only when the path itself ends with one (//a// → /a/, /a/b/.. → /a).
        var kept = new List<string>(segments.Length);
        foreach (var segment in segments)
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (kept.Count > 0)
                {
                    kept.RemoveAt(kept.Count - 1);
                }

                continue;
            }

            kept.Add(segment);
        }

        var trailingSlash = kept.Count > 0 && path.EndsWith('/');
        builder.Append('/');
        for (var i = 0; i < kept.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('/');
            }

            builder.Append(Encode(kept[i], encodeSlash: true));
        }

        if (trailingSlash)
        {
            builder.Append('/');
        }

        return builder.ToString();
    }

    /// <summary>
    /// The canonical query string: each raw pair decoded (<c>+</c> is a space), re-encoded with RFC 3986 rules, sorted by
    /// encoded name then value, joined with <c>&amp;</c>; a name without <c>=</c> gets an empty value.
    /// </summary>
    public static string Query(string query, bool excludeSignature = false)
    {
        if (string.IsNullOrEmpty(query))
        {
            return "";
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var (name, value) in ParseQuery(query))
        {
            if (excludeSignature && name == SigV4.SignatureParameter)
            {
                continue;
            }

            pairs.Add((Encode(name, encodeSlash: true), Encode(value, encodeSlash: true)));
        }

        pairs.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        var builder = new StringBuilder(query.Length + 16);
        foreach (var (name, value) in pairs)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(name).Append('=').Append(value);
        }

        return builder.ToString();
    }

    /// <summary>The decoded name/value pairs of a raw query string, in order (empty pieces skipped).</summary>
    public static IEnumerable<(string Name, string Value)> ParseQuery(string query)
    {
        if (string.IsNullOrEmpty(query))
        {
            yield break;
        }

        foreach (var piece in query.TrimStart('?').Split('&'))
        {
            if (piece.Length == 0)
            {
                continue;
            }

            var equals = piece.IndexOf('=');
            var rawName = equals < 0 ? piece : piece[..equals];
            var rawValue = equals < 0 ? "" : piece[(equals + 1)..];
            yield return (PercentDecode(rawName.Replace('+', ' ')), PercentDecode(rawValue.Replace('+', ' ')));
        }
    }

    /// <summary>
    /// <c>name:value\n</c> for each signed header in sorted order: names lower-cased, values trimmed with inner runs of
    /// whitespace collapsed to one space, repeated headers joined with <c>,</c> in the order they came.
    /// </summary>
    public static string Headers(IReadOnlyList<KeyValuePair<string, string>> headers, IReadOnlyList<string> signedHeaders)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(signedHeaders);
        var builder = new StringBuilder(256);
        foreach (var name in SortedNames(signedHeaders))
        {
            builder.Append(name).Append(':');
            var first = true;
            foreach (var (headerName, value) in headers)
            {
                if (!string.Equals(headerName, name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!first)
                {
                    builder.Append(',');
                }

                AppendTrimmed(builder, value);
                first = false;
            }

            builder.Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>The signed header names, lower-cased, sorted, joined with <c>;</c>.</summary>
    public static string SignedHeaderList(IReadOnlyList<string> signedHeaders) => string.Join(';', SortedNames(signedHeaders));

    /// <summary>URI-encodes per SigV4: every byte except <c>A-Z a-z 0-9 - _ . ~</c> becomes <c>%XX</c> (upper-case hex).</summary>
    public static string Encode(string value, bool encodeSlash)
    {
        var needs = false;
        foreach (var c in value)
        {
            if (!IsUnreserved(c) && (encodeSlash || c != '/'))
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return value;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (b < 0x80 && (IsUnreserved(c) || (!encodeSlash && c == '/')))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes <c>%XX</c> escapes as UTF-8; a malformed escape is kept as literal text (never throws).</summary>
    public static string PercentDecode(string value)
    {
        if (value.IndexOf('%') < 0)
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                bytes.Add((byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2])));
                i += 2;
                continue;
            }

            if (char.IsSurrogatePair(value, i))
            {
                var n = Encoding.UTF8.GetBytes(value.AsSpan(i, 2), utf8);
                for (var k = 0; k < n; k++)
                {
                    bytes.Add(utf8[k]);
                }

                i++;
                continue;
            }

            var count = Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
            for (var k = 0; k < count; k++)
            {
                bytes.Add(utf8[k]);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static List<string> SortedNames(IReadOnlyList<string> signedHeaders)
    {
        var names = new List<string>(signedHeaders.Count);
        foreach (var name in signedHeaders)
        {
            var lower = name.Trim().ToLowerInvariant();
            if (!names.Contains(lower))
            {
                names.Add(lower);
            }
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static void AppendTrimmed(StringBuilder builder, string value)
    {
        var span = value.AsSpan().Trim();
        var space = false;
        foreach (var c in span)
        {
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }
    }

    private static bool IsUnreserved(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
