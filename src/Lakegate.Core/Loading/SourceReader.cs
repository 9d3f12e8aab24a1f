using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>Parses a definition file's text into positioned nodes, choosing JSON or YAML.</summary>
public static class SourceReader
{
    /// <summary>
    /// JSON when the name ends in .json or the text starts with <c>{</c> or <c>[</c>; YAML otherwise.
    /// Returns null (with at least one diagnostic) when the text cannot be parsed.
    /// </summary>
    public static SourceNode? Read(string text, string fileName, ICollection<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsJson(text, fileName)
            ? JsonSourceReader.Read(text, fileName, diagnostics)
            : YamlSourceReader.Read(StripBom(text), fileName, diagnostics);
    }

    internal static bool IsJson(string text, string fileName)
    {
        if (fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var c in text)
        {
            if (c == '\uFEFF' || char.IsWhiteSpace(c))
            {
                continue;
            }

            return c is '{' or '[';
        }

        return false;
    }

    private static string StripBom(string text) => text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
}
