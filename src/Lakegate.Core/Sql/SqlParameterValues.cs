using System.Globalization;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Sql;

/// <summary>
/// Parses a request value as its declared type into what is bound to the command: long, double,
/// bool, DateOnly, DateTime (UTC when the text carries an offset), or the string itself. Null when it does not parse.
/// </summary>
public static class SqlParameterValues
{
    public static object? Parse(string text, SqlParameterType type)
    {
        switch (type)
        {
            case SqlParameterType.String:
                return text;
            case SqlParameterType.Integer:
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null;
            case SqlParameterType.Number:
                return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d)
                    && double.IsFinite(d) ? d : null;
            case SqlParameterType.Boolean:
                return text switch
                {
                    "true" or "TRUE" or "True" or "1" => true,
                    "false" or "FALSE" or "False" or "0" => false,
                    _ => null,
                };
            case SqlParameterType.Date:
                return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
            case SqlParameterType.Timestamp:
                if (text.Length < 10 || !char.IsAsciiDigit(text[0]))
                {
                    return null;
                }

                var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 19 && (text[^6] is '+' or '-') && text[^3] == ':');
                if (hasOffset)
                {
                    return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto) ? dto.UtcDateTime : null;
                }

                return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt) ? DateTime.SpecifyKind(dt, DateTimeKind.Unspecified) : null;
            default:
                return null;
        }
    }

    public static string Describe(SqlParameterType type) => type switch
    {
        SqlParameterType.Integer => "an integer",
        SqlParameterType.Number => "a number",
        SqlParameterType.Boolean => "true or false",
        SqlParameterType.Date => "a date (yyyy-MM-dd)",
        SqlParameterType.Timestamp => "an ISO 8601 timestamp",
        _ => "a string",
    };
}
