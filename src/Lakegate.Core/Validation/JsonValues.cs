using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lakegate.Core.Validation;

/// <summary>JSON helpers shared by the compiler and the evaluator: types, Jackson-style printing, value identity.</summary>
internal static class JsonValues
{
    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    private static readonly JsonSerializerOptions StringOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonTypes TypeOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonTypes.Object,
        JsonValueKind.Array => JsonTypes.Array,
        JsonValueKind.String => JsonTypes.String,
        JsonValueKind.Number => SchemaNumber.IsIntegerLiteral(element) ? JsonTypes.Integer : JsonTypes.Number,
        JsonValueKind.True or JsonValueKind.False => JsonTypes.Boolean,
        _ => JsonTypes.Null,
    };

    public static string TypeName(JsonTypes type) => type switch
    {
        JsonTypes.Array => "array",
        JsonTypes.Boolean => "boolean",
        JsonTypes.Integer => "integer",
        JsonTypes.Null => "null",
        JsonTypes.Number => "number",
        JsonTypes.Object => "object",
        JsonTypes.String => "string",
        _ => "unknown",
    };

    /// <summary><c>["integer","number"]</c>: flags in fge's enum order.</summary>
    public static string TypeList(JsonTypes types)
    {
        var names = new List<string>();
        foreach (var flag in Enum.GetValues<JsonTypes>())
        {
            if (flag != JsonTypes.None && types.HasFlag(flag))
            {
                names.Add(TypeName(flag));
            }
        }

        return StringArray(names);
    }

    /// <summary>Compact JSON as Jackson prints a node: no spaces, only the escapes JSON needs.</summary>
    public static string Compact(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, CompactOptions))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static string StringArray(IEnumerable<string> values) =>
        "[" + string.Join(",", values.Select(v => JsonSerializer.Serialize(v, StringOptions))) + "]";

    /// <summary>
    /// A string equal for equal JSON values, numbers compared by value (<c>1</c> equals <c>1.0</c>, as
    /// fge's JsonNumEquals has it) and object members in any order.
    /// </summary>
    public static string CanonicalKey(JsonElement element)
    {
        var builder = new StringBuilder();
        AppendCanonical(builder, element);
        return builder.ToString();
    }

    private static void AppendCanonical(StringBuilder builder, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    builder.Append(JsonSerializer.Serialize(property.Name)).Append(':');
                    AppendCanonical(builder, property.Value);
                    builder.Append(',');
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                foreach (var item in element.EnumerateArray())
                {
                    AppendCanonical(builder, item);
                    builder.Append(',');
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                builder.Append(JsonSerializer.Serialize(element.GetString()));
                break;
            case JsonValueKind.Number:
                var number = SchemaNumber.From(element);
                builder.Append('n').Append(number.Decimal is { } d
                    ? (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)
                    : number.Double.ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(element.GetRawText());
                break;
        }
    }
}
