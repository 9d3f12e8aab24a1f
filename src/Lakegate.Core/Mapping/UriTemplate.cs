using System.Text;

namespace Lakegate.Core.Mapping;

/// <summary>
/// An integration URI such as <c>http://${stageVariables.host}/items/{id}?v=1</c>, parsed once.
/// <c>${stageVariables.x}</c> is substituted verbatim (it may hold a host or a whole URL);
/// <c>{name}</c> is a path parameter substituted percent-encoded, so a value can never add
/// segments or climb with <c>..</c>; <c>{proxy}</c> (from a greedy <c>{proxy+}</c>) keeps its
/// slashes and encodes each segment.
/// </summary>
public sealed class UriTemplate
{
    private readonly Part[] _parts;

    private UriTemplate(string text, Part[] parts, IReadOnlyList<string> parameterNames, IReadOnlyList<string> stageVariableNames)
    {
        Text = text;
        _parts = parts;
        ParameterNames = parameterNames;
        StageVariableNames = stageVariableNames;
    }

    public string Text { get; }

    /// <summary>Names of <c>{name}</c> placeholders.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Names of <c>${stageVariables.x}</c> placeholders.</summary>
    public IReadOnlyList<string> StageVariableNames { get; }

    public static UriTemplate Parse(string text)
    {
        var parts = new List<Part>();
        var parameters = new List<string>();
        var variables = new List<string>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i + 2);
                var inner = end < 0 ? null : text[(i + 2)..end];
                const string prefix = "stageVariables.";
                if (inner is not null && inner.StartsWith(prefix, StringComparison.Ordinal))
                {
                    Flush();
                    var name = inner[prefix.Length..];
                    parts.Add(new Part(PartKind.StageVariable, name));
                    variables.Add(name);
                    i = end + 1;
                    continue;
                }
            }

            if (text[i] == '{')
            {
                var end = text.IndexOf('}', i + 1);
                if (end > i + 1)
                {
                    Flush();
                    var name = text[(i + 1)..end];
                    parts.Add(new Part(PartKind.Parameter, name));
                    parameters.Add(name);
                    i = end + 1;
                    continue;
                }
            }

            literal.Append(text[i]);
            i++;
        }

        Flush();
        return new UriTemplate(text, [.. parts], parameters, variables);

        void Flush()
        {
            if (literal.Length > 0)
            {
                parts.Add(new Part(PartKind.Literal, literal.ToString()));
                literal.Clear();
            }
        }
    }

    /// <summary>
    /// Expands the template. <paramref name="encodedParameter"/> gives a placeholder's value already
    /// encoded with <see cref="EncodePathValue"/> (null when unknown: it expands to nothing);
    /// <paramref name="stageVariable"/> a stage variable, inserted verbatim.
    /// </summary>
    public string Expand(Func<string, string?> encodedParameter, Func<string, string?> stageVariable)
    {
        var builder = new StringBuilder(Text.Length + 32);
        foreach (var part in _parts)
        {
            switch (part.Kind)
            {
                case PartKind.Literal:
                    builder.Append(part.Text);
                    break;
                case PartKind.StageVariable:
                    builder.Append(stageVariable(part.Text));
                    break;
                default:
                    builder.Append(encodedParameter(part.Text));
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Percent-encodes a decoded path value for a URI. A greedy value keeps its '/' separators and
    /// encodes each piece; any other value is one segment ('/' becomes %2F). "." and ".." pieces are
    /// encoded too, so no value can make the backend path traverse.
    /// </summary>
    public static string EncodePathValue(string value, bool keepSlashes)
    {
        if (!keepSlashes)
        {
            return EncodePiece(value);
        }

        var builder = new StringBuilder(value.Length + 8);
        var first = true;
        foreach (var piece in value.Split('/'))
        {
            if (!first)
            {
                builder.Append('/');
            }

            first = false;
            builder.Append(EncodePiece(piece));
        }

        return builder.ToString();
    }

    private static string EncodePiece(string piece) => piece switch
    {
        "." => "%2E",
        ".." => "%2E%2E",
        _ => Uri.EscapeDataString(piece),
    };

    private enum PartKind
    {
        Literal,
        Parameter,
        StageVariable,
    }

    private readonly record struct Part(PartKind Kind, string Text);
}
