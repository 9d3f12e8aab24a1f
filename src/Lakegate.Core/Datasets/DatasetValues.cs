using System.Globalization;
using System.Numerics;

namespace Lakegate.Core.Datasets;

/// <summary>
/// Caller text → typed values (bound as parameters, never spliced into SQL), and typed values →
/// canonical text (for cursors), so that a value read back from DuckDB parses to the same value.
/// </summary>
public static class DatasetValues
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    /// <summary>Parses <paramref name="text"/> as a value of <paramref name="type"/>; null when it is not one.</summary>
    public static object? Parse(string text, DatasetValueType type)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (type)
        {
            case DatasetValueType.String:
                return text;
            case DatasetValueType.Boolean:
                return text.ToLowerInvariant() switch
                {
                    "true" or "t" or "1" => true,
                    "false" or "f" or "0" => false,
                    _ => null,
                };
            case DatasetValueType.Integer:
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var integer))
                {
                    return integer;
                }

                // HUGEINT and UBIGINT reach beyond long.
                return text.Length <= 40 && BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var big) ? big : null;
            case DatasetValueType.Double:
                return double.TryParse(text, NumberStyles.Float, invariant, out var number) ? number : null;
            case DatasetValueType.Decimal:
                return decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, invariant, out var dec) ? dec : null;
            case DatasetValueType.Date:
                return DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var date) ? date : null;
            case DatasetValueType.Timestamp:
                if (DateTime.TryParseExact(text, TimestampFormats, invariant, DateTimeStyles.None, out var timestamp))
                {
                    return DateTime.SpecifyKind(timestamp, DateTimeKind.Unspecified);
                }

                return DateTimeOffset.TryParse(text, invariant, DateTimeStyles.None, out var withOffset) && HasOffset(text)
                    ? DateTime.SpecifyKind(withOffset.UtcDateTime, DateTimeKind.Unspecified)
                    : null;
            case DatasetValueType.TimestampTz:
                // Without an offset the time is UTC (the gateway's DuckDB sessions run in UTC).
                if (DateTime.TryParseExact(text, TimestampFormats, invariant, DateTimeStyles.None, out var utc))
                {
                    return DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);
                }

                return DateTimeOffset.TryParse(text, invariant, DateTimeStyles.None, out var zoned) && HasOffset(text)
                    ? DateTime.SpecifyKind(zoned.UtcDateTime, DateTimeKind.Unspecified)
                    : null;
            case DatasetValueType.Time:
                return TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"], invariant, DateTimeStyles.None, out var time) ? time : null;
            case DatasetValueType.Uuid:
                return Guid.TryParse(text, out var guid) ? guid : null;
            default:
                return null;
        }
    }

    /// <summary>Canonical text of a value read from DuckDB or parsed by <see cref="Parse"/>; <see cref="Parse"/> reads it back unchanged.</summary>
    public static string Format(object value)
    {
        var invariant = CultureInfo.InvariantCulture;
        return value switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            long l => l.ToString(invariant),
            int i => i.ToString(invariant),
            short s16 => s16.ToString(invariant),
            sbyte s8 => s8.ToString(invariant),
            byte u8 => u8.ToString(invariant),
            ushort u16 => u16.ToString(invariant),
            uint u32 => u32.ToString(invariant),
            ulong u64 => u64.ToString(invariant),
            BigInteger big => big.ToString(invariant),
            double d => d.ToString("R", invariant),
            float f => ((double)f).ToString("R", invariant),
            decimal m => m.ToString(invariant),
            DateOnly date => date.ToString("yyyy-MM-dd", invariant),
            DateTime dt => dt.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", invariant).TrimEnd('.'),
            DateTimeOffset dto => dto.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", invariant).TrimEnd('.'),
            TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", invariant).TrimEnd('.'),
            TimeSpan ts => TimeOnly.FromTimeSpan(ts).ToString("HH:mm:ss.FFFFFFF", invariant).TrimEnd('.'),
            Guid g => g.ToString("D"),
            _ => Convert.ToString(value, invariant) ?? string.Empty,
        };
    }

    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T') is var i and >= 0 ? i : text.IndexOf(' ');
        return t >= 0 && (text.EndsWith('Z') || text.IndexOf('+', t) > 0 || text.IndexOf('-', t) > 0);
    }
}
