namespace Lakegate.Core.Functions;

/// <summary>When bodies cross the Lambda proxy boundary as base64 (reference §1.11, §3.4).</summary>
public static class BinaryMediaTypes
{
    /// <summary>REST: a media type (no parameters) against binaryMediaTypes, with <c>type/*</c> and <c>*/*</c> wildcards.</summary>
    public static bool Matches(string? mediaType, IReadOnlyList<string> binaryMediaTypes)
    {
        ArgumentNullException.ThrowIfNull(binaryMediaTypes);
        if (string.IsNullOrWhiteSpace(mediaType) || binaryMediaTypes.Count == 0)
        {
            return false;
        }

        var type = Bare(mediaType);
        foreach (var candidate in binaryMediaTypes)
        {
            var pattern = Bare(candidate);
            if (pattern == "*/*" || pattern == type)
            {
                return true;
            }

            if (pattern.EndsWith("/*", StringComparison.Ordinal) && type.StartsWith(pattern[..^1], StringComparison.Ordinal))
            {
                return true;
            }

            if (type == "*/*" || (type.EndsWith("/*", StringComparison.Ordinal) && pattern.StartsWith(type[..^1], StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>REST: the request's first Accept type decides whether a base64 Lambda body is decoded.</summary>
    public static bool AcceptMatches(string? accept, IReadOnlyList<string> binaryMediaTypes)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return false;
        }

        var comma = accept.IndexOf(',');
        return Matches(comma < 0 ? accept : accept[..comma], binaryMediaTypes);
    }

    /// <summary>HTTP APIs send a body as text only for text/*, JSON, XML and JavaScript; everything else (no Content-Type too) as base64.</summary>
    public static bool IsTextForHttpApi(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var type = Bare(contentType);
        return type.StartsWith("text/", StringComparison.Ordinal)
            || type is "application/json" or "application/xml" or "application/javascript";
    }

    private static string Bare(string mediaType)
    {
        var semicolon = mediaType.IndexOf(';');
        return (semicolon < 0 ? mediaType : mediaType[..semicolon]).Trim().ToLowerInvariant();
    }
}
