namespace Lakegate.Core.Routing;

/// <summary>
/// Splits a raw request target (as received, still percent-encoded) into decoded segments.
/// Decoding happens exactly once, per segment, after splitting: an encoded <c>%2F</c> stays
/// inside its segment instead of creating a new one. Dot segments are resolved (so
/// <c>/a/../b</c> is <c>/b</c> and can never climb above the root); empty segments and a
/// trailing slash are ignored.
/// </summary>
public static class RequestPath
{
    /// <summary>Returns false for targets that are not origin-form paths (for example <c>*</c>).</summary>
    public static bool TrySplit(string rawTarget, out string[] segments)
    {
        segments = [];
        var path = StripQuery(rawTarget);
        if (path.Length == 0)
        {
            return false;
        }

        if (path[0] != '/')
        {
            // absolute-form (http://host/path) is legal on the wire; anything else is not a path.
            var schemeEnd = path.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd < 0)
            {
                return false;
            }

            var pathStart = path.IndexOf('/', schemeEnd + 3);
            path = pathStart < 0 ? "/" : path[pathStart..];
        }

        var raw = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var kept = new List<string>(raw.Length);
        foreach (var part in raw)
        {
            // Dot segments are recognised after decoding too (%2E%2E is ".."), as Kestrel and
            // System.Uri do, so an encoded form cannot smuggle a traversal past routing.
            var segment = Decode(part);
            if (segment == ".")
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

        segments = [.. kept];
        return true;
    }

    /// <summary>The query string of a raw target without the '?', or empty.</summary>
    public static string QueryOf(string rawTarget)
    {
        var q = rawTarget.IndexOf('?');
        return q < 0 ? string.Empty : rawTarget[(q + 1)..];
    }

    /// <summary>Percent-decodes one path segment ('+' stays a plus: it only means space in query strings).</summary>
    public static string Decode(string segment) =>
        segment.Contains('%') ? Uri.UnescapeDataString(segment) : segment;

    /// <summary>Joins decoded segments back into a path, re-encoding each so none can split or traverse.</summary>
    public static string Encode(IEnumerable<string> segments) =>
        "/" + string.Join('/', segments.Select(Uri.EscapeDataString));

    private static string StripQuery(string rawTarget)
    {
        var end = rawTarget.IndexOfAny(['?', '#']);
        return end < 0 ? rawTarget : rawTarget[..end];
    }
}
