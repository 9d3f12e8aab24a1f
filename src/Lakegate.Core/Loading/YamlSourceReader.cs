using System.Text.RegularExpressions;
using Lakegate.Core.Definitions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Lakegate.Core.Loading;

/// <summary>
/// Reads YAML into positioned nodes from YamlDotNet's parser events (marks are 1-based). Syntax
/// errors become diagnostics; nothing thrown by the parser escapes. Aliases share the anchored node
/// instead of copying it, and their total expansion is bounded, so an alias bomb ("billion laughs")
/// is an error rather than an out-of-memory when a subtree is later turned into JSON.
/// </summary>
internal static partial class YamlSourceReader
{
    private const int MaxDepth = 256;
    private const long MaxAliasExpansion = 1_000_000;
    private const string StringTag = "tag:yaml.org,2002:str";

    public static SourceNode? Read(string text, string file, ICollection<Diagnostic> diagnostics)
    {
        var parser = new Parser(new StringReader(text));
        var state = new ReaderState(parser, file, diagnostics);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                diagnostics.Add(Diagnostic.Error(new SourcePosition(file, 1, 1), "the document is empty"));
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(state, 0);
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

    private static SourceNode ReadNode(ReaderState state, int depth)
    {
        var parser = state.Parser;
        if (depth > MaxDepth)
        {
            throw new YamlException(parser.Current!.Start, parser.Current.End, $"nesting deeper than {MaxDepth} levels");
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var quoted = scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value is StringTag or "!!str");
            return state.Remember(scalar.Anchor, new SourceScalar(Position(state.File, scalar.Start), scalar.Value, quoted), []);
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!state.Anchors.TryGetValue(alias.Value.Value, out var target))
            {
                state.Diagnostics.Add(Diagnostic.Error(Position(state.File, alias.Start), $"unknown alias '*{alias.Value.Value}'"));
                return state.Remember(AnchorName.Empty, new SourceScalar(Position(state.File, alias.Start), string.Empty, isQuoted: false), []);
            }

            var (size, height) = state.Shapes[target];
            state.Expanded += size;
            if (state.Expanded > MaxAliasExpansion)
            {
                throw new YamlException(alias.Start, alias.End, $"aliases expand to more than {MaxAliasExpansion} nodes");
            }

            if (depth + height > MaxDepth)
            {
                throw new YamlException(alias.Start, alias.End, $"alias '*{alias.Value.Value}' nests deeper than {MaxDepth} levels");
            }

            return target;
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<SourceNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(state, depth + 1));
            }

            return state.Remember(sequenceStart.Anchor, new SourceSequence(Position(state.File, sequenceStart.Start), items), items);
        }

        var mappingStart = parser.Consume<MappingStart>();
        var entries = new List<SourceMapEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var fromMerge = new HashSet<string>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(state, depth + 1);
            var value = ReadNode(state, depth + 1);
            if (keyNode is not SourceScalar key)
            {
                state.Diagnostics.Add(Diagnostic.Error(keyNode.Position, "mapping keys must be plain strings"));
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
                    state.Diagnostics.Add(Diagnostic.Error(key.Position, $"duplicate key '{key.Value}'"));
                    continue;
                }

                entries.RemoveAll(e => e.Key == key.Value);
            }

            entries.Add(new SourceMapEntry(key.Value, key.Position, value));
        }

        return state.Remember(mappingStart.Anchor, new SourceMap(Position(state.File, mappingStart.Start), entries), entries.Select(e => e.Value));
    }

    private static SourcePosition Position(string file, Mark mark) => new(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string StripPosition(string message) => PositionPrefix().Replace(message, string.Empty);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();

    private sealed class ReaderState(IParser parser, string file, ICollection<Diagnostic> diagnostics)
    {
        public IParser Parser { get; } = parser;

        public string File { get; } = file;

        public ICollection<Diagnostic> Diagnostics { get; } = diagnostics;

        public Dictionary<string, SourceNode> Anchors { get; } = new(StringComparer.Ordinal);

        /// <summary>Expanded size and height of every node, computed bottom-up as nodes are built, so checking an alias costs nothing.</summary>
        public Dictionary<SourceNode, (long Size, int Height)> Shapes { get; } = new(ReferenceEqualityComparer.Instance);

        public long Expanded { get; set; }

        public T Remember<T>(AnchorName anchor, T node, IEnumerable<SourceNode> children)
            where T : SourceNode
        {
            long size = 1;
            var height = 0;
            foreach (var child in children)
            {
                var shape = Shapes[child];
                size += shape.Size;
                height = Math.Max(height, shape.Height);
            }

            Shapes[node] = (size, height + 1);
            if (!anchor.IsEmpty)
            {
                Anchors[anchor.Value] = node;
            }

            return node;
        }
    }
}
