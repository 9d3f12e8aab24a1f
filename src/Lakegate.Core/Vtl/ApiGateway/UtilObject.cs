using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lakegate.Core.Vtl.ApiGateway;

/// <summary>
/// <c>$util</c>: API Gateway's six helpers. Arguments that are not strings are converted to their
/// text; a null argument gives null.
/// <list type="bullet">
/// <item><c>escapeJavaScript</c>: Apache Commons Lang <c>StringEscapeUtils.escapeJavaScript</c> (<c>'</c> → <c>\'</c>, <c>/</c> → <c>\/</c>, non-ASCII → <c>\uXXXX</c>).</item>
/// <item><c>parseJson</c>: a value whose maps and lists render as JSON (see <see cref="VtlJson"/>); invalid JSON fails the render.</item>
/// <item><c>urlEncode</c>/<c>urlDecode</c>: Java's URLEncoder/URLDecoder with UTF-8 (form encoding: space ↔ <c>+</c>).</item>
/// <item><c>base64Encode</c>/<c>base64Decode</c>: over UTF-8 bytes.</item>
/// </list>
/// </summary>
public sealed class UtilObject : IVtlObject, IVtlTextMethods
{
    private UtilObject()
    {
    }

    public static UtilObject Instance { get; } = new();

    public bool TryGetProperty(string name, out object? value)
    {
        value = null;
        return false;
    }

    public bool TryInvoke(string method, IReadOnlyList<object?> arguments, out object? result)
    {
        result = null;
        if (arguments.Count != 1 || method is not ("escapeJavaScript" or "parseJson" or "urlEncode" or "urlDecode" or "base64Encode" or "base64Decode"))
        {
            return false;
        }

        if (arguments[0] is null)
        {
            return true;
        }

        var text = VtlValues.ToText(arguments[0], 64);
        result = method switch
        {
            "escapeJavaScript" => EscapeJavaScript(text),
            "parseJson" => ParseJson(text),
            "urlEncode" => UrlEncode(text),
            "urlDecode" => UrlDecode(text),
            "base64Encode" => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)),
            _ => Base64Decode(text),
        };
        return true;
    }

    public bool TrySetProperty(string name, object? value) => false;

    /// <summary>Renders <c>$util.escapeJavaScript(x)</c> straight into the output (the text most passthrough templates are made of).</summary>
    bool IVtlTextMethods.TryInvokeInto(string method, IReadOnlyList<object?> arguments, StringBuilder output)
    {
        if (method != "escapeJavaScript" || arguments.Count != 1 || arguments[0] is null)
        {
            return false;
        }

        AppendEscapedJavaScript(output, arguments[0] as string ?? VtlValues.ToText(arguments[0], 64));
        return true;
    }

    public static string EscapeJavaScript(string s) => AppendEscapedJavaScript(new StringBuilder(s.Length + 16), s).ToString();

    /// <summary>Appends <paramref name="s"/> escaped as <see cref="EscapeJavaScript"/> does, without building a string.</summary>
    public static StringBuilder AppendEscapedJavaScript(StringBuilder builder, string s)
    {
        var span = s.AsSpan();
        while (span.Length > 0)
        {
            // Copy the run of characters that need no escape in one go.
            var plain = span.IndexOfAnyExcept(PlainAscii);
            if (plain < 0)
            {
                builder.Append(span);
                break;
            }

            builder.Append(span[..plain]);
            var ch = span[plain];
            span = span[(plain + 1)..];
            if (ch > 0x7f)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)ch:X4}");
                continue;
            }

            switch (ch)
            {
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\'':
                    builder.Append("\\'");
                    break;
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '/':
                    builder.Append("\\/");
                    break;
                default:
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)ch:X4}");
                    break;
            }
        }

        return builder;
    }

    /// <summary>Printable ASCII that Commons Lang's escapeJavaScript leaves as it is.</summary>
    private static readonly System.Buffers.SearchValues<char> PlainAscii = System.Buffers.SearchValues.Create(
        " !#$%&()*+,-.0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f");

    /// <summary>Java's <c>URLEncoder.encode(s, "UTF-8")</c>: letters, digits and <c>.-*_</c> kept, space as <c>+</c>, the rest as <c>%XX</c>.</summary>
    public static string UrlEncode(string s)
    {
        var builder = new StringBuilder(s.Length + 16);
        var bytes = Encoding.UTF8.GetBytes(s);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '*' or '_')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Java's <c>URLDecoder.decode(s, "UTF-8")</c>; a malformed escape fails the render as Java throws.</summary>
    public static string UrlDecode(string s)
    {
        var bytes = new List<byte>(s.Length);
        var builder = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                bytes.Clear();
                while (i < s.Length && s[i] == '%')
                {
                    if (i + 2 >= s.Length || !byte.TryParse(s.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                    {
                        throw new VtlRenderException("urlDecode: illegal hex characters in escape (%) pattern");
                    }

                    bytes.Add(b);
                    i += 3;
                }

                i--;
                builder.Append(Encoding.UTF8.GetString([.. bytes]));
            }
            else
            {
                builder.Append(c == '+' ? ' ' : c);
            }
        }

        return builder.ToString();
    }

    private static string Base64Decode(string s)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(s));
        }
        catch (FormatException)
        {
            throw new VtlRenderException("base64Decode: input is not base64");
        }
    }

    private static object? ParseJson(string s)
    {
        try
        {
            using var document = JsonDocument.Parse(s, new JsonDocumentOptions { MaxDepth = 64 });
            return VtlJson.FromJson(document.RootElement, VtlRenderStyle.Json);
        }
        catch (JsonException)
        {
            throw new VtlRenderException("parseJson: input is not valid JSON");
        }
    }
}
