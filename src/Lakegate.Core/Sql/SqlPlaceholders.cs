namespace Lakegate.Core.Sql;

/// <summary>
/// The <c>@name</c> placeholders of a query's SQL text, skipping string literals, quoted identifiers
/// and comments, so the loader can insist every one is declared (an undeclared one would bind nothing).
/// </summary>
public static class SqlPlaceholders
{
    public static IReadOnlyList<string> Names(string sql)
    {
        var names = new List<string>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c is '\'' or '"' or '`')
            {
                var end = sql.IndexOf(c, i + 1);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else if (c == '@' && i + 1 < sql.Length && IsStart(sql[i + 1]) && (i == 0 || !IsPart(sql[i - 1])))
            {
                var start = i + 1;
                i = start;
                while (i < sql.Length && IsPart(sql[i]))
                {
                    i++;
                }

                var name = sql[start..i];
                if (!names.Contains(name, StringComparer.Ordinal))
                {
                    names.Add(name);
                }
            }
            else
            {
                i++;
            }
        }

        return names;
    }

    private static bool IsStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
