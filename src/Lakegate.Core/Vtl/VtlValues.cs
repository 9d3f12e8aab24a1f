using System.Globalization;
using System.Text;

namespace Lakegate.Core.Vtl;

/// <summary>
/// Java semantics of template values: truthiness, rendering, equality, comparison and arithmetic
/// as Velocity 1.7 (ASTEQNode, ASTAddNode, MathUtils) applies them.
/// </summary>
internal static class VtlValues
{
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;
    private static readonly object[] BoxedInts = CreateBoxedInts(1024);

    /// <summary>A shared box for a bool: loops and <c>$foreach</c> hand these out on every iteration.</summary>
    public static object Box(bool value) => value ? BoxedTrue : BoxedFalse;

    /// <summary>A shared box for small non-negative ints (loop counters), a new one otherwise.</summary>
    public static object Box(int value) => (uint)value < (uint)BoxedInts.Length ? BoxedInts[value] : value;

    private static object[] CreateBoxedInts(int count)
    {
        var boxes = new object[count];
        for (var i = 0; i < count; i++)
        {
            boxes[i] = i;
        }

        return boxes;
    }

    /// <summary>Velocity 1.7: only null and false are false; empty strings and collections are true.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        _ => true,
    };

    public static bool IsNumber(object? value) =>
        value is int or long or double or decimal or float or short or byte or sbyte or ushort or uint;

    public static bool IsIntegral(object? value) => value is int or long or short or byte or sbyte or ushort or uint;

    public static long ToLong(object value) => value switch
    {
        int i => i,
        long l => l,
        double d => (long)d,
        decimal m => (long)m,
        float f => (long)f,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    public static double ToDouble(object value) => value switch
    {
        int i => i,
        long l => l,
        double d => d,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Integer results keep the narrowest type that holds them, as Velocity's MathUtils does (int, else long).</summary>
    public static object Narrow(long value) => value is >= int.MinValue and <= int.MaxValue ? (int)value : value;

    public static string ToText(object? value, int maxDepth) => value is string s ? s : AppendText(new StringBuilder(), value, 0, maxDepth).ToString();

    public static StringBuilder AppendText(StringBuilder builder, object? value, int depth, int maxDepth)
    {
        switch (value)
        {
            case null:
                return builder.Append("null");
            case string s:
                return builder.Append(s);
            case bool b:
                return builder.Append(b ? "true" : "false");
            case int i:
                return builder.Append(i.ToString(CultureInfo.InvariantCulture));
            case long l:
                return builder.Append(l.ToString(CultureInfo.InvariantCulture));
            case double d:
                return builder.Append(JavaDouble(d));
            case float f:
                return builder.Append(JavaDouble(f));
            case decimal m:
                return builder.Append(m.ToString(CultureInfo.InvariantCulture));
            case VtlMap { Style: VtlRenderStyle.Json } or VtlList { Style: VtlRenderStyle.Json }:
                return VtlJson.AppendJson(builder, value, depth, maxDepth);
        }

        if (depth >= maxDepth)
        {
            throw new VtlRenderException("value nested too deeply to render");
        }

        switch (value)
        {
            case IDictionary<string, object?> map:
                builder.Append('{');
                var first = true;
                foreach (var (key, item) in map)
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }

                    first = false;
                    builder.Append(key).Append('=');
                    AppendText(builder, item, depth + 1, maxDepth);
                }

                return builder.Append('}');
            case IList<object?> list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    AppendText(builder, list[i], depth + 1, maxDepth);
                }

                return builder.Append(']');
            case IVtlObject host:
                return host.TryInvoke("toString", [], out var text) && text is string t ? builder.Append(t) : builder;
            default:
                // Foreign .NET objects have no template-visible text: never leak a .NET type name.
                return builder;
        }
    }

    /// <summary>Java's <c>Double.toString</c>: <c>1.0</c>, <c>0.001</c>, <c>1.0E7</c>, <c>1.0E-4</c>, <c>NaN</c>, <c>Infinity</c>.</summary>
    public static string JavaDouble(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "Infinity" : "-Infinity";
        }

        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }

        var abs = Math.Abs(d);
        if (abs >= 1e-3 && abs < 1e7)
        {
            var plain = d.ToString("R", CultureInfo.InvariantCulture);
            if (plain.Contains('E', StringComparison.Ordinal))
            {
                plain = d.ToString("0.#################", CultureInfo.InvariantCulture);
            }

            return plain.Contains('.', StringComparison.Ordinal) ? plain : plain + ".0";
        }

        // Scientific: shortest round-trip digits, mantissa with one digit before the point.
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var digits = new StringBuilder();
        var negative = r.StartsWith('-');
        var exponent = 0;
        var mantissa = r.TrimStart('-');
        var ePos = mantissa.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            exponent = int.Parse(mantissa[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = mantissa[..ePos];
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        var all = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - all.Length;
        exponent += intPart.Length - 1 - leadingZeros;
        all = all.TrimEnd('0');
        if (all.Length == 0)
        {
            return "0.0";
        }

        digits.Append(negative ? "-" : string.Empty).Append(all[0]).Append('.');
        digits.Append(all.Length > 1 ? all[1..] : "0");
        digits.Append('E').Append(exponent.ToString(CultureInfo.InvariantCulture));
        return digits.ToString();
    }

    /// <summary>Velocity 1.7 <c>==</c>: numbers by value, same types by equals, otherwise by their text.</summary>
    public static bool AreEqual(object? left, object? right, int maxDepth)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (IsNumber(left) && IsNumber(right))
        {
            return Compare(left, right) == 0;
        }

        if (left is string ls && right is string rs)
        {
            return string.Equals(ls, rs, StringComparison.Ordinal);
        }

        if (left is bool lb && right is bool rb)
        {
            return lb == rb;
        }

        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is IList<object?> ll && right is IList<object?> rl)
        {
            return ListsEqual(ll, rl, 0, maxDepth);
        }

        if (left is IDictionary<string, object?> lm && right is IDictionary<string, object?> rm)
        {
            return MapsEqual(lm, rm, 0, maxDepth);
        }

        return string.Equals(ToText(left, maxDepth), ToText(right, maxDepth), StringComparison.Ordinal);
    }

    /// <summary>Java's <c>equals</c> (used by <c>contains</c>, <c>indexOf</c>, <c>.equals()</c>): same kind and value, no text fallback.</summary>
    public static bool JavaEquals(object? left, object? right, int depth, int maxDepth)
    {
        if (depth > maxDepth)
        {
            throw new VtlRenderException("value nested too deeply to compare");
        }

        return (left, right) switch
        {
            (null, null) => true,
            (null, _) or (_, null) => false,
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            (bool a, bool b) => a == b,
            (IList<object?> a, IList<object?> b) => ListsEqual(a, b, depth + 1, maxDepth),
            (IDictionary<string, object?> a, IDictionary<string, object?> b) => MapsEqual(a, b, depth + 1, maxDepth),
            _ when IsNumber(left) && IsNumber(right) => IsIntegral(left) == IsIntegral(right) && Compare(left, right) == 0,
            _ => ReferenceEquals(left, right),
        };
    }

    private static bool ListsEqual(IList<object?> a, IList<object?> b, int depth, int maxDepth)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!JavaEquals(a[i], b[i], depth + 1, maxDepth))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MapsEqual(IDictionary<string, object?> a, IDictionary<string, object?> b, int depth, int maxDepth)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !JavaEquals(value, other, depth + 1, maxDepth))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Numeric comparison of two numbers.</summary>
    public static int Compare(object left, object right)
    {
        if (IsIntegral(left) && IsIntegral(right))
        {
            return ToLong(left).CompareTo(ToLong(right));
        }

        return ToDouble(left).CompareTo(ToDouble(right));
    }

    /// <summary>
    /// Arithmetic as Velocity 1.7's MathUtils: integers stay integers (int widened to long when
    /// the result does not fit), any double makes a double, integer division truncates, a zero
    /// divisor or a non-number operand gives null. <c>+</c> with a string operand concatenates.
    /// Long overflow wraps (Java would move to BigInteger).
    /// </summary>
    public static object? Arithmetic(char op, object? left, object? right, int maxDepth)
    {
        if (op == '+' && (left is string || right is string) && left is not null && right is not null)
        {
            return ToText(left, maxDepth) + ToText(right, maxDepth);
        }

        if (!IsNumber(left) || !IsNumber(right))
        {
            return null;
        }

        if (IsIntegral(left) && IsIntegral(right))
        {
            var a = ToLong(left!);
            var b = ToLong(right!);
            switch (op)
            {
                case '+':
                    return Narrow(unchecked(a + b));
                case '-':
                    return Narrow(unchecked(a - b));
                case '*':
                    return Narrow(unchecked(a * b));
                case '/':
                    return b == 0 ? null : a == long.MinValue && b == -1 ? a : Narrow(a / b);
                default:
                    return b == 0 ? null : b == -1 ? 0 : Narrow(a % b);
            }
        }

        var x = ToDouble(left!);
        var y = ToDouble(right!);
        return op switch
        {
            '+' => x + y,
            '-' => x - y,
            '*' => x * y,
            '/' => y == 0 ? null : x / y,
            _ => y == 0 ? null : x % y,
        };
    }
}
