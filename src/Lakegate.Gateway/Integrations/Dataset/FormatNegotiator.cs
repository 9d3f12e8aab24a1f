using System.Globalization;

namespace Lakegate.Gateway.Integrations.Dataset;

/// <summary>
/// Picks the response format: <c>format=</c> wins (browser downloads), else the <c>Accept</c> entry
/// with the highest q-value this route supports (ties: the one written first), else JSON.
/// </summary>
public static class FormatNegotiator
{
    private static readonly (string MediaType, ResponseFormat Format)[] MediaTypes =
    [
        ("application/json", ResponseFormat.Json),
        ("application/x-ndjson", ResponseFormat.Ndjson),
        ("application/ndjson", ResponseFormat.Ndjson),
        ("application/jsonl", ResponseFormat.Ndjson),
        ("text/csv", ResponseFormat.Csv),
        ("application/csv", ResponseFormat.Csv),
        ("application/vnd.apache.arrow.stream", ResponseFormat.Arrow),
        ("application/arrow.stream", ResponseFormat.Arrow),
        ("application/vnd.apache.parquet", ResponseFormat.Parquet),
        ("application/parquet", ResponseFormat.Parquet),
        ("application/x-parquet", ResponseFormat.Parquet),
    ];

    public static string ContentType(ResponseFormat format) => format switch
    {
        ResponseFormat.Ndjson => "application/x-ndjson",
        ResponseFormat.Csv => "text/csv; charset=utf-8; header=present",
        ResponseFormat.Arrow => "application/vnd.apache.arrow.stream",
        ResponseFormat.Parquet => "application/vnd.apache.parquet",
        _ => "application/json; charset=utf-8",
    };

    public static string Name(ResponseFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>The media types a 406 lists for <paramref name="supported"/>.</summary>
    public static string Describe(IReadOnlyCollection<ResponseFormat> supported) =>
        string.Join(", ", MediaTypes.Where(m => supported.Contains(m.Format)).Select(m => m.MediaType));

    /// <summary>Null when nothing acceptable is supported (406).</summary>
    public static ResponseFormat? Negotiate(string? formatParameter, string? accept, IReadOnlyCollection<ResponseFormat> supported)
    {
        if (formatParameter is not null)
        {
            var byName = formatParameter switch
            {
                "json" => ResponseFormat.Json,
                "ndjson" or "jsonl" => ResponseFormat.Ndjson,
                "csv" => ResponseFormat.Csv,
                "arrow" => ResponseFormat.Arrow,
                "parquet" => ResponseFormat.Parquet,
                _ => (ResponseFormat?)null,
            };
            return byName is { } f && supported.Contains(f) ? f : null;
        }

        if (string.IsNullOrWhiteSpace(accept))
        {
            return ResponseFormat.Json;
        }

        ResponseFormat? best = null;
        var bestQ = 0.0;
        foreach (var entry in accept.Split(','))
        {
            var parts = entry.Split(';');
            var mediaType = parts[0].Trim().ToLowerInvariant();
            var q = 1.0;
            foreach (var parameter in parts.Skip(1))
            {
                var p = parameter.Trim();
                if (p.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                    && !double.TryParse(p[2..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out q))
                {
                    q = 0;
                }
            }

            if (q <= bestQ)
            {
                continue;
            }

            ResponseFormat? match = mediaType switch
            {
                "*/*" or "application/*" => ResponseFormat.Json,
                "text/*" => ResponseFormat.Csv,
                _ => MediaTypes.Where(m => m.MediaType == mediaType).Select(m => (ResponseFormat?)m.Format).FirstOrDefault(),
            };
            if (match is { } found && supported.Contains(found))
            {
                best = found;
                bestQ = q;
            }
        }

        return best;
    }
}
