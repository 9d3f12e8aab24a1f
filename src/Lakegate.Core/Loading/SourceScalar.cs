using System.Globalization;
using System.Text.RegularExpressions;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// A leaf value, kept as text. Whether it was quoted decides how it may be read: YAML's plain
/// <c>true</c>, <c>1</c> and <c>null</c> are a bool, a number and null (YAML 1.2 core schema), but
/// <c>"true"</c> is a string. JSON readers mark strings as quoted and numbers, booleans and null as
/// plain, so one set of rules serves both formats.
/// </summary>
public sealed partial class SourceScalar(SourcePosition position, string value, bool isQuoted) : SourceNode(position)
{
    public string Value { get; } = value;

    public bool IsQuoted { get; } = isQuoted;

    public bool IsNull => !IsQuoted && Value is "" or "~" or "null" or "Null" or "NULL";

    public bool TryGetBoolean(out bool value)
    {
        value = false;
        if (IsQuoted)
        {
            return false;
        }

        switch (Value)
        {
            case "true" or "True" or "TRUE":
                value = true;
                return true;
            case "false" or "False" or "FALSE":
                return true;
            default:
                return false;
        }
    }

    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (IsQuoted)
        {
            return false;
        }

        var text = Value;
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            return long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        if (text.StartsWith("0o", StringComparison.Ordinal))
        {
            try
            {
                value = Convert.ToInt64(text[2..], 8);
                return true;
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                return false;
            }
        }

        return IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public bool TryGetDouble(out double value)
    {
        value = 0;
        if (IsQuoted)
        {
            return false;
        }

        if (TryGetInt64(out var integer))
        {
            value = integer;
            return true;
        }

        return FloatPattern().IsMatch(Value) && double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>True when the text is already a valid JSON number and can be written through unchanged.</summary>
    internal bool IsJsonNumber => !IsQuoted && JsonNumberPattern().IsMatch(Value);

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex JsonNumberPattern();
}
