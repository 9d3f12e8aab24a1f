using System.Text;

namespace Lakegate.Core.Mapping;

/// <summary>
/// The plain substitution API Gateway applies to Gateway Response templates (they are not VTL):
/// <c>$context.x.y</c>, <c>${context.x}</c>, <c>$stageVariables.x</c> and
/// <c>method.request.*</c>-style references are replaced by a resolver; everything else is kept
/// literally. Parsed once at deploy time.
/// </summary>
public sealed class SubstitutionTemplate
{
    private readonly (bool IsReference, string Text)[] _parts;

    private SubstitutionTemplate((bool, string)[] parts) => _parts = parts;

    public static SubstitutionTemplate Parse(string text)
    {
        var parts = new List<(bool, string)>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && TryReadReference(text, i, out var name, out var next))
            {
                if (literal.Length > 0)
                {
                    parts.Add((false, literal.ToString()));
                    literal.Clear();
                }

                parts.Add((true, name));
                i = next;
                continue;
            }

            literal.Append(text[i]);
            i++;
        }

        if (literal.Length > 0)
        {
            parts.Add((false, literal.ToString()));
        }

        return new SubstitutionTemplate([.. parts]);
    }

    /// <summary>Renders with <paramref name="resolve"/> given names like <c>context.error.messageString</c>; null renders empty.</summary>
    public string Render(Func<string, string?> resolve)
    {
        var builder = new StringBuilder();
        foreach (var (isReference, text) in _parts)
        {
            builder.Append(isReference ? resolve(text) : text);
        }

        return builder.ToString();
    }

    private static bool TryReadReference(string text, int start, out string name, out int next)
    {
        name = string.Empty;
        next = start;
        var i = start + 1;
        if (i < text.Length && text[i] == '!')
        {
            i++;
        }

        var braced = i < text.Length && text[i] == '{';
        if (braced)
        {
            i++;
        }

        var nameStart = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '.'))
        {
            i++;
        }

        var end = i;
        // A sentence may end right after a reference: "id $context.requestId." keeps the final dot.
        while (end > nameStart && text[end - 1] == '.')
        {
            end--;
        }

        if (end == nameStart || !char.IsAsciiLetter(text[nameStart]))
        {
            return false;
        }

        if (braced)
        {
            if (end != i || i >= text.Length || text[i] != '}')
            {
                return false;
            }

            i++;
        }
        else
        {
            i = end;
        }

        name = text[nameStart..end];
        next = i;
        return name.StartsWith("context.", StringComparison.Ordinal) || name.StartsWith("stageVariables.", StringComparison.Ordinal);
    }
}
