using System.Globalization;
using System.Text.Json;

namespace Lakegate.Core.Loading;

/// <summary>
/// Turns a node subtree into a <see cref="JsonElement"/> for the fields kept verbatim (policies,
/// models, authorizers, extensions). YAML plain scalars take their YAML 1.2 core-schema type;
/// quoted scalars stay strings; JSON values keep their JSON type.
/// </summary>
public static class SourceJson
{
    private const int MaxDepth = 1024;

    public static JsonElement ToJsonElement(SourceNode node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        // Readers cap nesting at 256 levels; these limits only need to sit above that (the defaults are 1000 and 64).
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = MaxDepth }))
        {
            Write(writer, node);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = MaxDepth });
        return document.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, SourceNode node)
    {
        switch (node)
        {
            case SourceMap map:
                writer.WriteStartObject();
                foreach (var entry in map.Entries)
                {
                    writer.WritePropertyName(entry.Key);
                    Write(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case SourceSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case SourceScalar scalar:
                WriteScalar(writer, scalar);
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, SourceScalar scalar)
    {
        if (scalar.IsQuoted)
        {
            writer.WriteStringValue(scalar.Value);
        }
        else if (scalar.IsNull)
        {
            writer.WriteNullValue();
        }
        else if (scalar.TryGetBoolean(out var flag))
        {
            writer.WriteBooleanValue(flag);
        }
        else if (scalar.IsJsonNumber)
        {
            // Written as-is so 1.0 stays 1.0 and big integers keep every digit.
            writer.WriteRawValue(scalar.Value);
        }
        else if (scalar.TryGetInt64(out var integer))
        {
            writer.WriteNumberValue(integer);
        }
        else if (scalar.TryGetDouble(out var number) && double.IsFinite(number))
        {
            writer.WriteRawValue(number.ToString("R", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteStringValue(scalar.Value);
        }
    }
}
