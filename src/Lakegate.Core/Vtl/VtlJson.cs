using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Lakegate.Core.Vtl;

/// <summary>
/// Conversions between JSON and the values templates see.
/// <para>
/// Rendering decision (AWS parity): API Gateway evaluates JSONPath with Jayway over json-smart.
/// Jayway builds JSON objects as <c>LinkedHashMap</c> (renders Java-style, <c>{a=1, b=x}</c>) and
/// arrays as json-smart <c>JSONArray</c>, whose <c>toString()</c> is compact JSON; LocalStack's
/// AWS-validated tests confirm <c>$input.path('$')</c> renders <c>{a=1, b=[{"c":5}]}</c>.
/// <c>$util.parseJson</c> returns json-smart objects throughout, so its result renders as JSON
/// (what templates such as <c>$util.parseJson($input.json('$.output'))</c> rely on, and the bug
/// LocalStack #9487 reported). <see cref="FromJson(JsonElement)"/> gives the first shape,
/// <see cref="FromJson(JsonElement, VtlRenderStyle)"/> with <see cref="VtlRenderStyle.Json"/> the second.
/// </para>
/// </summary>
public static class VtlJson
{
    private const int MaxJsonDepth = 256;

    /// <summary>Objects become <see cref="VtlMap"/> (Java style), arrays <see cref="VtlList"/> (JSON style), numbers int/long/double as Java would parse them.</summary>
    public static object? FromJson(JsonElement element) => Convert(element, VtlRenderStyle.Java);

    /// <summary>As <see cref="FromJson(JsonElement)"/>, with every object rendered in <paramref name="mapStyle"/>.</summary>
    public static object? FromJson(JsonElement element, VtlRenderStyle mapStyle) => Convert(element, mapStyle);

    /// <summary>
    /// Serializes a template value as compact JSON, escaping as json-smart's LT_COMPRESS style
    /// (what Jayway's <c>toJson</c> uses): <c>/</c> is not escaped.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value nests deeper than 256 levels (or contains itself).</exception>
    public static string ToJson(object? value)
    {
        try
        {
            return AppendJson(new StringBuilder(), value, 0, MaxJsonDepth).ToString();
        }
        catch (VtlRenderException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }

    private static object? Convert(JsonElement element, VtlRenderStyle mapStyle)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new VtlMap { Style = mapStyle };
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = Convert(property.Value, mapStyle);
                }

                return map;
            case JsonValueKind.Array:
                var list = new VtlList(element.GetArrayLength()) { Style = VtlRenderStyle.Json };
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(Convert(item, mapStyle));
                }

                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return Number(element.GetRawText());
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    /// <summary>Integers as int, else long, else double; anything with a fraction or exponent as double.</summary>
    internal static object Number(string raw)
    {
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
            {
                return i;
            }

            if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                return l;
            }
        }

        return double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    internal static StringBuilder AppendJson(StringBuilder builder, object? value, int depth, int maxDepth)
    {
        if (depth >= maxDepth)
        {
            throw new VtlRenderException("value nested too deeply to render");
        }

        switch (value)
        {
            case null:
                return builder.Append("null");
            case string s:
                return AppendString(builder, s);
            case bool or int or long or double or float or decimal:
                return VtlValues.AppendText(builder, value, depth, maxDepth);
            case IDictionary<string, object?> map:
                builder.Append('{');
                var first = true;
                foreach (var (key, item) in map)
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    AppendString(builder, key).Append(':');
                    AppendJson(builder, item, depth + 1, maxDepth);
                }

                return builder.Append('}');
            case IList<object?> list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    AppendJson(builder, list[i], depth + 1, maxDepth);
                }

                return builder.Append(']');
            default:
                if (VtlValues.IsNumber(value))
                {
                    return VtlValues.AppendText(builder, value, depth, maxDepth);
                }

                return AppendString(builder, VtlValues.ToText(value, maxDepth - depth));
        }
    }

    /// <summary>
    /// Appends JSON text <paramref name="json"/> re-serialised as <see cref="ToJson"/> would serialise
    /// its parsed value (compact, json-smart escaping, numbers as Java parses and prints them),
    /// reading it token by token. Returns false, with part of the text possibly appended, when it
    /// cannot give exactly that: invalid JSON (as <see cref="JsonDocument"/> with depth 64 judges it),
    /// text that is not valid UTF-16, duplicate keys in an object (a map keeps one), or objects with
    /// more keys along one path than it tracks. The caller then takes the ordinary way.
    /// </summary>
    internal static bool TryAppendCompact(string json, StringBuilder output)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(json.Length);
        var bytes = ArrayPool<byte>.Shared.Rent(maxBytes);
        var chars = ArrayPool<char>.Shared.Rent(Math.Min(json.Length, 1024) + 16);
        var names = ArrayPool<int>.Shared.Rent(MaxTrackedKeys);
        Span<int> objectStarts = stackalloc int[JsonParseDepth + 1];
        try
        {
            if (System.Text.Unicode.Utf8.FromUtf16(json, bytes, out _, out var length, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                return false;
            }

            var reader = new Utf8JsonReader(bytes.AsSpan(0, length), new JsonReaderOptions { MaxDepth = JsonParseDepth });
            var depth = 0;
            var tracked = 0;
            var needComma = false;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (needComma)
                        {
                            output.Append(',');
                        }

                        output.Append(reader.TokenType == JsonTokenType.StartObject ? '{' : '[');
                        objectStarts[++depth] = tracked;
                        needComma = false;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        output.Append(reader.TokenType == JsonTokenType.EndObject ? '}' : ']');
                        tracked = objectStarts[depth--];
                        needComma = true;
                        break;
                    case JsonTokenType.PropertyName:
                        if (needComma)
                        {
                            output.Append(',');
                        }

                        var name = Unescaped(ref reader, ref chars);
                        var hash = string.GetHashCode(name, StringComparison.Ordinal);
                        if (tracked == MaxTrackedKeys || names.AsSpan(objectStarts[depth], tracked - objectStarts[depth]).Contains(hash))
                        {
                            return false;
                        }

                        names[tracked++] = hash;
                        AppendString(output, name).Append(':');
                        needComma = false;
                        break;
                    default:
                        if (needComma)
                        {
                            output.Append(',');
                        }

                        AppendScalar(ref reader, ref chars, output);
                        needComma = true;
                        break;
                }
            }

            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The ordinary way meets the same fault and reports it as it always has.
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<int>.Shared.Return(names);
        }
    }

    /// <summary>What <c>$input</c> parses bodies with (<see cref="JsonDocumentOptions.MaxDepth"/>).</summary>
    private const int JsonParseDepth = 64;

    /// <summary>Keys of the objects open along one path that duplicate detection tracks; wider bodies take the ordinary way.</summary>
    private const int MaxTrackedKeys = 512;

    private static ReadOnlySpan<char> Unescaped(ref Utf8JsonReader reader, ref char[] chars)
    {
        var needed = reader.ValueSpan.Length;
        if (chars.Length < needed)
        {
            ArrayPool<char>.Shared.Return(chars);
            chars = ArrayPool<char>.Shared.Rent(needed);
        }

        var written = reader.CopyString(chars);
        return chars.AsSpan(0, written);
    }

    private static void AppendScalar(ref Utf8JsonReader reader, ref char[] chars, StringBuilder output)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                AppendString(output, Unescaped(ref reader, ref chars));
                break;
            case JsonTokenType.Number:
                var raw = reader.ValueSpan;
                if (raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
                {
                    if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
                    {
                        output.Append(CultureInfo.InvariantCulture, $"{i}");
                        break;
                    }

                    if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                    {
                        output.Append(CultureInfo.InvariantCulture, $"{l}");
                        break;
                    }
                }

                output.Append(VtlValues.JavaDouble(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture)));
                break;
            case JsonTokenType.True:
                output.Append("true");
                break;
            case JsonTokenType.False:
                output.Append("false");
                break;
            default:
                output.Append("null");
                break;
        }
    }

    /// <summary>json-smart's escaping: quotes, backslash, named control escapes, and <c>\uXXXX</c> for other control characters.</summary>
    internal static StringBuilder AppendString(StringBuilder builder, string s) => AppendString(builder, s.AsSpan());

    internal static StringBuilder AppendString(StringBuilder builder, ReadOnlySpan<char> s)
    {
        builder.Append('"');
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (ch < 0x20 || (ch >= 0x7f && ch <= 0x9f) || (ch >= 0x2000 && ch <= 0x20ff))
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)ch:X4}");
                    }
                    else
                    {
                        builder.Append(ch);
                    }

                    break;
            }
        }

        return builder.Append('"');
    }
}
