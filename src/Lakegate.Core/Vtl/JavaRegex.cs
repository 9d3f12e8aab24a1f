using System.Text;
using System.Text.RegularExpressions;

namespace Lakegate.Core.Vtl;

/// <summary>
/// Java's regex-based String methods on .NET's engine, always with a match timeout taken from the
/// render's remaining time, so a catastrophic pattern ends the render instead of hanging it.
/// Patterns are passed through: the syntax Java and .NET share (classes, groups, lookaround,
/// quantifiers) behaves the same; Java-only syntax (possessive quantifiers) is an error.
/// </summary>
internal static class JavaRegex
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    public static Regex Create(string pattern, VtlRenderState state, int offset)
    {
        try
        {
            // Regex's own cache is not used by constructors; patterns in templates are nearly always literals,
            // so construction cost is small next to a request.
            return new Regex(pattern, Options, state.Remaining);
        }
        catch (ArgumentException)
        {
            throw new VtlRenderException(offset, $"invalid regular expression '{pattern}'");
        }
    }

    public static string ReplaceAll(string input, string pattern, string replacement, VtlRenderState state, int offset) =>
        Replace(input, pattern, replacement, -1, state, offset);

    public static string ReplaceFirst(string input, string pattern, string replacement, VtlRenderState state, int offset) =>
        Replace(input, pattern, replacement, 1, state, offset);

    private static string Replace(string input, string pattern, string replacement, int count, VtlRenderState state, int offset)
    {
        var regex = Create(pattern, state, offset);
        var dotnet = TranslateReplacement(replacement, offset);
        return Guard(() => regex.Replace(input, dotnet, count), state, offset);
    }

    public static bool Matches(string input, string pattern, VtlRenderState state, int offset)
    {
        var regex = Create("\\A(?:" + pattern + ")\\z", state, offset);
        return Guard(() => regex.IsMatch(input), state, offset);
    }

    /// <summary>Java's <c>String.split(regex)</c>: trailing empty strings removed, a leading empty string from a zero-width match dropped, groups not returned.</summary>
    public static VtlList Split(string input, string pattern, VtlRenderState state, int offset)
    {
        var regex = Create(pattern, state, offset);
        return Guard(
            () =>
            {
                var parts = new VtlList();
                if (input.Length == 0)
                {
                    parts.Add(string.Empty);
                    return parts;
                }

                var start = 0;
                foreach (Match match in regex.Matches(input))
                {
                    if (match.Length == 0 && match.Index == 0)
                    {
                        continue;
                    }

                    if (match.Length == 0 && match.Index >= input.Length)
                    {
                        break;
                    }

                    parts.Add(input[start..match.Index]);
                    start = match.Index + match.Length;
                    state.CheckSize(parts.Count, offset);
                }

                parts.Add(input[start..]);
                var last = parts.Count;
                while (last > 0 && parts[last - 1] is string { Length: 0 })
                {
                    last--;
                }

                parts.RemoveRange(last, parts.Count - last);
                return parts;
            },
            state,
            offset);
    }

    /// <summary>Java replacement syntax (<c>$1</c>, <c>${name}</c>, <c>\$</c> for a literal dollar) to .NET's.</summary>
    private static string TranslateReplacement(string replacement, int offset)
    {
        if (replacement.AsSpan().IndexOfAny('$', '\\') < 0)
        {
            return replacement;
        }

        var builder = new StringBuilder(replacement.Length + 8);
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c == '\\')
            {
                if (++i >= replacement.Length)
                {
                    throw new VtlRenderException(offset, "character to be escaped is missing in replacement");
                }

                builder.Append(replacement[i] == '$' ? "$$" : replacement[i].ToString());
                continue;
            }

            if (c != '$')
            {
                builder.Append(c);
                continue;
            }

            if (i + 1 < replacement.Length && replacement[i + 1] == '{')
            {
                var close = replacement.IndexOf('}', i + 2);
                if (close < 0)
                {
                    throw new VtlRenderException(offset, "named capturing group is missing trailing '}' in replacement");
                }

                builder.Append(replacement, i, close - i + 1);
                i = close;
                continue;
            }

            var digits = i + 1;
            while (digits < replacement.Length && char.IsAsciiDigit(replacement[digits]))
            {
                digits++;
            }

            if (digits == i + 1)
            {
                throw new VtlRenderException(offset, "illegal group reference in replacement");
            }

            builder.Append("${").Append(replacement, i + 1, digits - i - 1).Append('}');
            i = digits - 1;
        }

        return builder.ToString();
    }

    private static T Guard<T>(Func<T> action, VtlRenderState state, int offset)
    {
        try
        {
            return action();
        }
        catch (RegexMatchTimeoutException)
        {
            throw new VtlRenderException(offset, $"regular expression exceeded the render's {state.Limits.MaxDuration.TotalMilliseconds:0} ms");
        }
    }
}
