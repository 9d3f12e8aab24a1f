using System.Text.RegularExpressions;
using Lakegate.Core.Definitions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Lakegate.Core.Loading;

/// <summary>
/// Reads YAML into positioned nodes from YamlDotNet's parser events (marks are 1-based). Syntax
/// errors become diagnostics; nothing thrown by the parser escapes.
/// </summary>
internal static partial class YamlSourceReader
{
    private const int MaxDepth = 256;
    private const string StringTag = "tag:yaml.org,2002:str";

    public static SourceNode? Read(string text, string file, ICollection<Diagnostic> diagnostics)
    {
        var anchors = new Dictionary<string, SourceNode>(StringComparer.Ordinal);
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                diagnostics.Add(Diagnostic.Error(new SourcePosition(file, 1, 1), "the document is empty"));
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, file, anchors, diagnostics, 0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var next))
            {
                diagnostics.Add(Diagnostic.Error(Position(file, next.Start), "only one YAML document is allowed per file"));
            }

            return root;
        }
        catch (YamlException e)
        {
            diagnostics.Add(Diagnostic.Error(Position(file, e.Start), "invalid YAML: " + StripPosition(e.Message)));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner throws these for some malformed input (an unclosed flow sequence, for
            // one); the best position we have is where the last good token ended.
            var where = parser.Current is { } current ? Position(file, current.End) : new SourcePosition(file, 1, 1);
            diagnostics.Add(Diagnostic.Error(where, "invalid YAML: the document is malformed after this point"));
            return null;
        }
    }

    private static SourceNode ReadNode(IParser parser, string file, Dictionary<string, SourceNode> anchors, ICollection<Diagnostic> diagnostics, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new YamlException(parser.Current!.Start, parser.Current.End, $"nesting deeper than {MaxDepth} levels");
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var quoted = scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value is StringTag or "!!str");
            return Remember(anchors, scalar.Anchor, new SourceScalar(Position(file, scalar.Start), scalar.Value, quoted));
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            diagnostics.Add(Diagnostic.Error(Position(file, alias.Start), $"unknown alias '*{alias.Value.Value}'"));
            return new SourceScalar(Position(file, alias.Start), string.Empty, isQuoted: false);
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<SourceNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, file, anchors, diagnostics, depth + 1));
            }

            return Remember(anchors, sequenceStart.Anchor, new SourceSequence(Position(file, sequenceStart.Start), items));
        }

        var mappingStart = parser.Consume<MappingStart>();
        var entries = new List<SourceMapEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var fromMerge = new HashSet<string>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(parser, file, anchors, diagnostics, depth + 1);
            var value = ReadNode(parser, file, anchors, diagnostics, depth + 1);
            if (keyNode is not SourceScalar key)
            {
                diagnostics.Add(Diagnostic.Error(keyNode.Position, "mapping keys must be plain strings"));
                continue;
            }

            if (key.Value == "<<" && !key.IsQuoted)
            {
                // YAML merge key: bring in keys not already set; keys written explicitly later still win.
                foreach (var source in value is SourceSequence many ? many.Items : [value])
                {
                    if (source is SourceMap merged)
                    {
                        foreach (var entry in merged.Entries)
                        {
                            if (seen.Add(entry.Key))
                            {
                                fromMerge.Add(entry.Key);
                                entries.Add(entry);
                            }
                        }
                    }
                }

                continue;
            }

            if (!seen.Add(key.Value))
            {
                if (!fromMerge.Remove(key.Value))
                {
                    diagnostics.Add(Diagnostic.Error(key.Position, $"duplicate key '{key.Value}'"));
                    continue;
                }

                entries.RemoveAll(e => e.Key == key.Value);
            }

            entries.Add(new SourceMapEntry(key.Value, key.Position, value));
        }

        return Remember(anchors, mappingStart.Anchor, new SourceMap(Position(file, mappingStart.Start), entries));
    }

    private static T Remember<T>(Dictionary<string, SourceNode> anchors, AnchorName anchor, T node)
        where T : SourceNode
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }

        return node;
    }

    private static SourcePosition Position(string file, Mark mark) => new(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string StripPosition(string message) => PositionPrefix().Replace(message, string.Empty);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
