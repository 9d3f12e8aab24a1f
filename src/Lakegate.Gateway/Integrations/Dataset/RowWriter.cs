using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Lakegate.Core.Datasets;

namespace Lakegate.Gateway.Integrations.Dataset;

/// <summary>
/// Writes rows of a data reader (DuckDB for datasets, SQLite or PostgreSQL for sql queries) as JSON (an array of objects, or one object), NDJSON or CSV
/// (RFC 4180, header line first), straight into the response buffer as they are read.
/// Timestamps are ISO 8601 (<c>Z</c> for TIMESTAMPTZ), dates <c>yyyy-MM-dd</c>, NaN and infinities null.
/// </summary>
internal sealed class RowWriter
{
    private static readonly JsonWriterOptions JsonOptions = new() { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly byte[] Newline = "\n"u8.ToArray();
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    private readonly ResponseFormat _format;
    private readonly IReadOnlyList<OutputColumn> _columns;
    private readonly JsonEncodedText[] _names;
    private readonly IBufferWriter<byte> _output;
    private readonly Utf8JsonWriter? _json;
    private readonly bool _single;
    private readonly StringBuilder _cell = new();
    private int _rows;

    public RowWriter(ResponseFormat format, IReadOnlyList<OutputColumn> columns, IBufferWriter<byte> output, bool single = false)
    {
        _format = format;
        _columns = columns;
        _output = output;
        _single = single;
        _names = [.. columns.Select(c => JsonEncodedText.Encode(c.Name, JsonOptions.Encoder))];
        if (format is ResponseFormat.Json or ResponseFormat.Ndjson)
        {
            _json = new Utf8JsonWriter(output, JsonOptions);
        }
    }

    public void Begin()
    {
        if (_format == ResponseFormat.Json && !_single)
        {
            _json!.WriteStartArray();
        }
        else if (_format == ResponseFormat.Csv)
        {
            for (var i = 0; i < _columns.Count; i++)
            {
                if (i > 0)
                {
                    _cell.Append(',');
                }

                AppendCsv(_columns[i].Name);
            }

            FlushCell();
            _output.Write(CrLf);
        }
    }

    public void WriteRow(DbDataReader reader)
    {
        if (_format == ResponseFormat.Csv)
        {
            for (var i = 0; i < _columns.Count; i++)
            {
                if (i > 0)
                {
                    _cell.Append(',');
                }

                if (!reader.IsDBNull(i))
                {
                    AppendCsv(Text(reader, i, _columns[i].Type));
                }
            }

            FlushCell();
            _output.Write(CrLf);
            _rows++;
            return;
        }

        var json = _json!;
        json.WriteStartObject();
        for (var i = 0; i < _columns.Count; i++)
        {
            json.WritePropertyName(_names[i]);
            WriteJsonValue(json, reader, i, _columns[i].Type);
        }

        json.WriteEndObject();
        if (_format == ResponseFormat.Ndjson)
        {
            json.Flush();
            // Each line is its own JSON document: no separator from the row before.
            json.Reset();
            _output.Write(Newline);
        }
        else if (json.BytesPending > 16 * 1024)
        {
            json.Flush();
        }

        _rows++;
    }

    /// <summary>Pushes what the JSON writer holds into the buffer (call before looking at its size).</summary>
    public void Flush() => _json?.Flush();

    public void End()
    {
        if (_format == ResponseFormat.Json && !_single)
        {
            _json!.WriteEndArray();
        }

        _json?.Flush();
    }

    private static void WriteJsonValue(Utf8JsonWriter json, DbDataReader reader, int i, DatasetValueType type)
    {
        if (reader.IsDBNull(i))
        {
            json.WriteNullValue();
            return;
        }

        switch (reader.GetValue(i))
        {
            case long l:
                json.WriteNumberValue(l);
                break;
            case int n:
                json.WriteNumberValue(n);
                break;
            case short s:
                json.WriteNumberValue(s);
                break;
            case sbyte sb:
                json.WriteNumberValue(sb);
                break;
            case byte b:
                json.WriteNumberValue(b);
                break;
            case ushort us:
                json.WriteNumberValue(us);
                break;
            case uint ui:
                json.WriteNumberValue(ui);
                break;
            case ulong ul:
                json.WriteNumberValue(ul);
                break;
            case BigInteger big:
                json.WriteRawValue(big.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            case double d:
                if (double.IsFinite(d))
                {
                    json.WriteNumberValue(d);
                }
                else
                {
                    json.WriteNullValue();
                }

                break;
            case float f:
                if (float.IsFinite(f))
                {
                    json.WriteNumberValue(f);
                }
                else
                {
                    json.WriteNullValue();
                }

                break;
            case decimal m:
                json.WriteNumberValue(m);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            default:
                json.WriteStringValue(Text(reader, i, type));
                break;
        }
    }

    /// <summary>A value as text (CSV cells, and JSON strings for dates, times and UUIDs).</summary>
    private static string Text(DbDataReader reader, int i, DatasetValueType type)
    {
        var value = reader.GetValue(i);
        return value switch
        {
            DateTime dt when type == DatasetValueType.TimestampTz => Timestamp(dt) + "Z",
            DateTime dt when type == DatasetValueType.Date => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            byte[] bytes => Convert.ToBase64String(bytes),
            DateTime dt => Timestamp(dt),
            DateTimeOffset dto => Timestamp(dto.UtcDateTime) + "Z",
            double d when !double.IsFinite(d) => string.Empty,
            float f when !float.IsFinite(f) => string.Empty,
            _ => DatasetValues.Format(value),
        };
    }

    private static string Timestamp(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');

    private void AppendCsv(string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _cell.Append(text);
            return;
        }

        _cell.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private void FlushCell()
    {
        foreach (var chunk in _cell.GetChunks())
        {
            var span = chunk.Span;
            var bytes = _output.GetSpan(Encoding.UTF8.GetMaxByteCount(span.Length));
            _output.Advance(Encoding.UTF8.GetBytes(span, bytes));
        }

        _cell.Clear();
    }
}
