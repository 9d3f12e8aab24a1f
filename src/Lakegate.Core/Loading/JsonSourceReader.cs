using System.Text;
using System.Text.Json;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// Reads JSON into positioned nodes with <see cref="Utf8JsonReader"/>. The reader only knows byte
/// offsets, so line starts are indexed once and each token offset is turned into a 1-based line and
/// a 1-based column counted in characters (not bytes), which is what editors show.
/// </summary>
internal static class JsonSourceReader
{
    private const int MaxDepth = 256;

    public static SourceNode? Read(string text, string file, ICollection<Diagnostic> diagnostics)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var offset = 0;
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            // A BOM is not JSON; skip it and count columns from the first real character.
            offset = 3;
        }

        var data = bytes.AsMemory(offset);
        var lines = new LineIndex(data.Span);
        var reader = new Utf8JsonReader(data.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth });
        try
        {
            if (!reader.Read())
            {
                diagnostics.Add(Diagnostic.Error(new SourcePosition(file, 1, 1), "the document is empty"));
                return null;
            }

            var root = ReadValue(ref reader, data.Span, lines, file, diagnostics);

            // Trailing content after the single root value makes Read throw.
            while (reader.Read())
            {
            }

            return root;
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var bytesInLine = (int)(e.BytePositionInLine ?? 0);
            var column = lines.ColumnOf(data.Span, line, bytesInLine);
            diagnostics.Add(Diagnostic.Error(new SourcePosition(file, line + 1, column), "invalid JSON: " + StripPosition(e.Message)));
            return null;
        }
    }

    private static SourceNode ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, LineIndex lines, string file, ICollection<Diagnostic> diagnostics)
    {
        var position = lines.PositionOf(data, file, (int)reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = new List<SourceMapEntry>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var keyPosition = lines.PositionOf(data, file, (int)reader.TokenStartIndex);
                    var key = reader.GetString()!;
                    reader.Read();
                    var value = ReadValue(ref reader, data, lines, file, diagnostics);
                    if (!seen.Add(key))
                    {
                        diagnostics.Add(Diagnostic.Error(keyPosition, $"duplicate key '{key}'"));
                        continue;
                    }

                    entries.Add(new SourceMapEntry(key, keyPosition, value));
                }

                return new SourceMap(position, entries);
            case JsonTokenType.StartArray:
                var items = new List<SourceNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, data, lines, file, diagnostics));
                }

                return new SourceSequence(position, items);
            case JsonTokenType.String:
                return new SourceScalar(position, reader.GetString()!, isQuoted: true);
            case JsonTokenType.Number:
                return new SourceScalar(position, Encoding.UTF8.GetString(reader.ValueSpan), isQuoted: false);
            case JsonTokenType.True:
                return new SourceScalar(position, "true", isQuoted: false);
            case JsonTokenType.False:
                return new SourceScalar(position, "false", isQuoted: false);
            default:
                return new SourceScalar(position, "null", isQuoted: false);
        }
    }

    // System.Text.Json appends "LineNumber: 2 | BytePositionInLine: 5." to its messages; we print our own position.
    private static string StripPosition(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }

    private sealed class LineIndex
    {
        private readonly List<int> _starts = [0];

        public LineIndex(ReadOnlySpan<byte> data)
        {
            for (var i = 0; i < data.Length; i++)
            {
                if (data[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public SourcePosition PositionOf(ReadOnlySpan<byte> data, string file, int offset)
        {
            var line = _starts.BinarySearch(offset);
            if (line < 0)
            {
                line = ~line - 1;
            }

            return new SourcePosition(file, line + 1, Encoding.UTF8.GetCharCount(data[_starts[line]..offset]) + 1);
        }

        public int ColumnOf(ReadOnlySpan<byte> data, int line, int bytesInLine)
        {
            if (line >= _starts.Count)
            {
                return bytesInLine + 1;
            }

            var start = _starts[line];
            var end = Math.Min(start + bytesInLine, data.Length);
            return Encoding.UTF8.GetCharCount(data[start..end]) + 1;
        }
    }
}
