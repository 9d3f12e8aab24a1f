using System.Globalization;
using System.Text.Json;

namespace Lakegate.Core.Validation;

/// <summary>
/// A JSON number kept exact where <see cref="decimal"/> can hold it (so <c>0.1</c> is a multiple of
/// <c>0.01</c>, as fge's BigDecimal arithmetic says) and as a double beyond that.
/// </summary>
internal readonly record struct SchemaNumber(decimal? Decimal, double Double, string Text)
{
    public static SchemaNumber From(JsonElement element)
    {
        var text = element.GetRawText();
        decimal? exact = element.TryGetDecimal(out var d) ? d : null;
        var approximate = element.TryGetDouble(out var x) ? x : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return new SchemaNumber(exact, approximate, text);
    }

    public int CompareTo(SchemaNumber other) =>
        Decimal is { } a && other.Decimal is { } b ? a.CompareTo(b) : Double.CompareTo(other.Double);

    public bool IsMultipleOf(SchemaNumber divisor)
    {
        if (Decimal is { } a && divisor.Decimal is { } b && b != 0)
        {
            return a % b == 0;
        }

        var quotient = Double / divisor.Double;
        return double.IsFinite(quotient) && Math.Abs(quotient - Math.Round(quotient)) < 1e-9;
    }

    /// <summary>Draft 4 (and fge): a number is an integer when written without fraction or exponent.</summary>
    public static bool IsIntegerLiteral(JsonElement element)
    {
        if (element.TryGetInt64(out _))
        {
            return true;
        }

        var text = element.GetRawText();
        return text.AsSpan().IndexOfAny('.', 'e', 'E') < 0;
    }
}
