namespace Lakegate.Core.Authorizers;

/// <summary>
/// IAM's pattern matching for actions and resources: <c>*</c> matches any run of characters
/// (slashes included), <c>?</c> exactly one; everything else is literal. Linear-time greedy
/// matching with one backtrack point, so a hostile pattern cannot blow up.
/// </summary>
public static class IamWildcard
{
    public static bool IsMatch(string pattern, string value, StringComparison comparison = StringComparison.Ordinal)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(value);
        var ignoreCase = comparison is StringComparison.OrdinalIgnoreCase;
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
