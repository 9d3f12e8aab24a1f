using System.Buffers;
using System.Text;

namespace Lakegate.Core.Vtl;

/// <summary>
/// A Velocity (1.7) template parsed once, at deploy time, into a tree of nodes and rendered many
/// times without re-parsing. Thread-safe: all per-render state lives in the render.
/// </summary>
public sealed class VtlTemplate
{
    /// <summary>API Gateway's limit on a mapping template, in UTF-8 bytes.</summary>
    public const int MaxSourceBytes = 300 * 1024;

    private readonly VtlNode[] _nodes;
    private readonly int[] _lineStarts;

    private VtlTemplate(string source, string name, VtlNode[] nodes, IReadOnlyDictionary<string, VtlMacro> macros, string[] slotNames)
    {
        SlotNames = slotNames;
        Source = source;
        Name = name;
        _nodes = nodes;
        Macros = macros;
        _lineStarts = LineStarts(source);
        UsesVelocityCount = source.Contains("velocityCount", StringComparison.Ordinal);
        UsesVelocityHasNext = source.Contains("velocityHasNext", StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether the template can read Velocity 1.7's legacy loop variables. A variable is only read
    /// by a reference naming it in the template's own text (there is no eval), so a template that
    /// never spells the name does not need it set on every iteration.
    /// </summary>
    internal bool UsesVelocityCount { get; }

    internal bool UsesVelocityHasNext { get; }

    public string Source { get; }

    /// <summary>What the template is called in logs (e.g. <c>GET /pets application/json</c>).</summary>
    public string Name { get; }

    internal IReadOnlyDictionary<string, VtlMacro> Macros { get; }

    /// <summary>Every variable name the template spells, indexed by the slot its nodes use (see <see cref="VtlRenderState.Lookup"/>).</summary>
    internal string[] SlotNames { get; }

    /// <summary>Parses <paramref name="source"/>. Never throws for bad templates: errors come back with line and column.</summary>
    public static VtlParseResult Parse(string source, string name)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Length > MaxSourceBytes || Encoding.UTF8.GetByteCount(source) > MaxSourceBytes)
        {
            return new VtlParseResult(null, [new VtlError(1, 1, $"template is larger than {MaxSourceBytes / 1024} KB")]);
        }

        var parser = new VtlParser(source);
        try
        {
            var nodes = parser.ParseTemplate();
            return new VtlParseResult(new VtlTemplate(source, name, nodes, parser.Macros, parser.SlotNames), []);
        }
        catch (VtlParseException e)
        {
            var (line, column) = Position(LineStarts(source), e.Offset);
            return new VtlParseResult(null, [new VtlError(line, column, e.Message)]);
        }
        catch (InsufficientExecutionStackException)
        {
            return new VtlParseResult(null, [new VtlError(1, 1, "template nests too deeply")]);
        }
    }

    /// <summary>
    /// Renders against <paramref name="scope"/>. Never throws for template faults: a limit hit or a
    /// failed call comes back as <see cref="VtlRenderResult.Error"/> with the output rendered so far.
    /// </summary>
    public VtlRenderResult Render(VtlScope scope, VtlLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(limits);
        var state = VtlRenderState.Rent(this, scope, limits, cancellationToken);
        try
        {
            var error = RenderCore(state);
            var root = state.Root;
            return new VtlRenderResult(error is null ? root.ToString() : Truncate(root, limits), error);
        }
        finally
        {
            state.Return();
        }
    }

    /// <summary>
    /// Renders against <paramref name="scope"/> straight into <paramref name="destination"/> as UTF-8
    /// (lone surrogates become U+FFFD, as <see cref="Encoding.UTF8"/> does), without building a
    /// string: the text is rendered into a buffer reused per thread and encoded from there. On
    /// success returns null; on a template fault returns the error and writes nothing.
    /// </summary>
    public VtlError? RenderTo(VtlScope scope, VtlLimits limits, IBufferWriter<byte> destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(destination);
        var state = VtlRenderState.Rent(this, scope, limits, cancellationToken);
        try
        {
            var error = RenderCore(state);
            if (error is not null)
            {
                return error;
            }

            var encoder = state.Utf8;
            foreach (var chunk in state.Root.GetChunks())
            {
                encoder.Convert(chunk.Span, destination, flush: false, out _, out _);
            }

            encoder.Convert([], destination, flush: true, out _, out _);
            return null;
        }
        finally
        {
            state.Return();
        }
    }

    private VtlError? RenderCore(VtlRenderState state)
    {
        try
        {
            VtlNode.RenderAll(_nodes, state);
            return null;
        }
        catch (VtlRenderException e)
        {
            return ErrorAt(e.Offset, e.Message);
        }
        catch (InsufficientExecutionStackException)
        {
            return ErrorAt(-1, "template nests too deeply");
        }
        catch (OutOfMemoryException)
        {
            state.Root.Clear();
            return ErrorAt(-1, "render ran out of memory");
        }
    }

    private static string Truncate(StringBuilder output, VtlLimits limits) =>
        output.Length > limits.MaxOutputChars ? output.ToString(0, limits.MaxOutputChars) : output.ToString();

    private VtlError ErrorAt(int offset, string message)
    {
        if (offset < 0)
        {
            return new VtlError(1, 1, message);
        }

        var (line, column) = Position(_lineStarts, offset);
        return new VtlError(line, column, message);
    }

    private static int[] LineStarts(string source)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    private static (int Line, int Column) Position(int[] lineStarts, int offset)
    {
        var index = Array.BinarySearch(lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - lineStarts[line] + 1);
    }
}
