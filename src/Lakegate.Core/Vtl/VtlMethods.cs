using System.Text;

namespace Lakegate.Core.Vtl;

/// <summary>
/// The Java methods templates may call on strings, lists, maps, numbers and booleans, dispatched
/// by name without reflection. An unknown method or mismatched arguments give null (the reference
/// renders as written, as in Velocity); a Java exception (index out of range, bad regex) fails
/// the render as Velocity's MethodInvocationException does.
/// </summary>
internal static class VtlMethods
{
    public static object? Invoke(object target, string name, object?[] args, VtlRenderState state, int offset, bool argumentsAccounted = false)
    {
        if (target is IVtlObject && !argumentsAccounted)
        {
            AccountHostArguments(args, state, offset);
        }

        var result = target switch
        {
            IVtlObject host => host.TryInvoke(name, args, out var value) ? value : null,
            string s => StringMethod(s, name, args, state, offset),
            IList<object?> list => ListMethod(list, name, args, state, offset),
            IDictionary<string, object?> map => MapMethod(map, name, args, state, offset),
            bool b => BoolMethod(b, name, args, state),
            _ when VtlValues.IsNumber(target) => NumberMethod(target, name, args, state),
            _ => null,
        };
        return result is string built ? state.CheckString(built, offset) : result;
    }

    /// <summary>Host methods (parseJson, base64Decode) build values from their arguments: count them as built text.</summary>
    public static void AccountHostArguments(object?[] args, VtlRenderState state, int offset)
    {
        foreach (var arg in args)
        {
            if (arg is string text && text.Length > 0)
            {
                state.Account(text.Length, offset);
            }
        }
    }

    private static bool TryInt(object? value, out int result)
    {
        result = 0;
        if (!VtlValues.IsIntegral(value))
        {
            return false;
        }

        var l = VtlValues.ToLong(value!);
        if (l is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        result = (int)l;
        return true;
    }

    private static VtlRenderException OutOfRange(int offset, string method, string detail) =>
        new(offset, $"{method}: {detail}");

    private static object? StringMethod(string s, string name, object?[] args, VtlRenderState state, int offset)
    {
        switch (name, args.Length)
        {
            case ("length", 0):
                return s.Length;
            case ("isEmpty", 0):
                return s.Length == 0;
            case ("toString", 0):
                return s;
            case ("trim", 0):
                return JavaTrim(s);
            case ("toLowerCase", 0):
                return s.ToLowerInvariant();
            case ("toUpperCase", 0):
                return s.ToUpperInvariant();
            case ("hashCode", 0):
                var hash = 0;
                foreach (var ch in s)
                {
                    hash = unchecked((31 * hash) + ch);
                }

                return hash;
            case ("equals", 1):
                return args[0] is string other && string.Equals(s, other, StringComparison.Ordinal);
            case ("equalsIgnoreCase", 1):
                return args[0] is string o && string.Equals(s, o, StringComparison.OrdinalIgnoreCase);
            case ("contains", 1) when args[0] is string part:
                return s.Contains(part, StringComparison.Ordinal);
            case ("startsWith", 1) when args[0] is string prefix:
                return s.StartsWith(prefix, StringComparison.Ordinal);
            case ("startsWith", 2) when args[0] is string prefix && TryInt(args[1], out var from):
                return from >= 0 && from <= s.Length && s.AsSpan(from).StartsWith(prefix, StringComparison.Ordinal);
            case ("endsWith", 1) when args[0] is string suffix:
                return s.EndsWith(suffix, StringComparison.Ordinal);
            case ("concat", 1) when args[0] is string tail:
                return s + tail;
            case ("indexOf", 1) when args[0] is string needle:
                return s.IndexOf(needle, StringComparison.Ordinal);
            case ("indexOf", 2) when args[0] is string needle && TryInt(args[1], out var from):
                from = Math.Clamp(from, 0, s.Length);
                return s.IndexOf(needle, from, StringComparison.Ordinal);
            case ("lastIndexOf", 1) when args[0] is string needle:
                return s.LastIndexOf(needle, StringComparison.Ordinal);
            case ("charAt", 1) when TryInt(args[0], out var index):
                if (index < 0 || index >= s.Length)
                {
                    throw OutOfRange(offset, "charAt", $"index {index} out of range for length {s.Length}");
                }

                return s[index].ToString();
            case ("substring", 1) when TryInt(args[0], out var begin):
                if (begin < 0 || begin > s.Length)
                {
                    throw OutOfRange(offset, "substring", $"begin {begin}, length {s.Length}");
                }

                return s[begin..];
            case ("substring", 2) when TryInt(args[0], out var begin) && TryInt(args[1], out var end):
                if (begin < 0 || end > s.Length || begin > end)
                {
                    throw OutOfRange(offset, "substring", $"begin {begin}, end {end}, length {s.Length}");
                }

                return s[begin..end];
            case ("replace", 2) when args[0] is string target && args[1] is string replacement:
                return JavaReplace(s, target, replacement, state, offset);
            case ("replaceAll", 2) when args[0] is string pattern && args[1] is string replacement:
                return JavaRegex.ReplaceAll(s, pattern, replacement, state, offset);
            case ("replaceFirst", 2) when args[0] is string pattern && args[1] is string replacement:
                return JavaRegex.ReplaceFirst(s, pattern, replacement, state, offset);
            case ("matches", 1) when args[0] is string pattern:
                return JavaRegex.Matches(s, pattern, state, offset);
            case ("split", 1) when args[0] is string pattern:
                state.Account(s.Length, offset);
                return JavaRegex.Split(s, pattern, state, offset);
            case ("compareTo", 1) when args[0] is string right:
                return JavaCompare(s, right);
            default:
                return null;
        }
    }

    private static int JavaCompare(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return a[i] - b[i];
            }
        }

        return a.Length - b.Length;
    }

    /// <summary>Java's trim removes every char up to U+0020, not Unicode whitespace.</summary>
    private static string JavaTrim(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && s[start] <= ' ')
        {
            start++;
        }

        while (end > start && s[end - 1] <= ' ')
        {
            end--;
        }

        return s[start..end];
    }

    private static string JavaReplace(string s, string target, string replacement, VtlRenderState state, int offset)
    {
        if (target.Length > 0)
        {
            // Bound the result before building it: "a".replace("a", huge) repeated is an output bomb.
            var count = 0;
            for (var i = s.IndexOf(target, StringComparison.Ordinal); i >= 0; i = s.IndexOf(target, i + target.Length, StringComparison.Ordinal))
            {
                count++;
            }

            state.CheckSize((int)Math.Min(int.MaxValue, s.Length + ((long)count * (replacement.Length - target.Length))), offset);
            return s.Replace(target, replacement, StringComparison.Ordinal);
        }

        // Java inserts the replacement before every char and at the end.
        state.CheckSize((int)Math.Min(int.MaxValue, s.Length + ((long)(s.Length + 1) * replacement.Length)), offset);
        var builder = new StringBuilder();
        foreach (var ch in s)
        {
            builder.Append(replacement).Append(ch);
        }

        return builder.Append(replacement).ToString();
    }

    private static object? ListMethod(IList<object?> list, string name, object?[] args, VtlRenderState state, int offset)
    {
        switch (name, args.Length)
        {
            case ("size", 0):
                return list.Count;
            case ("isEmpty", 0):
                return list.Count == 0;
            case ("get", 1) when TryInt(args[0], out var index):
                if (index < 0 || index >= list.Count)
                {
                    throw OutOfRange(offset, "get", $"index {index} out of bounds for length {list.Count}");
                }

                return list[index];
            case ("contains", 1):
                return IndexOf(list, args[0], state) >= 0;
            case ("indexOf", 1):
                return IndexOf(list, args[0], state);
            case ("toString", 0):
                return state.ToText(list, offset);
            case ("equals", 1):
                return VtlValues.JavaEquals(list, args[0], 0, state.MaxDepth);
        }

        if (list.IsReadOnly)
        {
            return null;
        }

        switch (name, args.Length)
        {
            case ("add", 1):
                state.CheckSize(list.Count + 1, offset);
                list.Add(args[0]);
                return true;
            case ("add", 2) when TryInt(args[0], out var index):
                if (index < 0 || index > list.Count)
                {
                    throw OutOfRange(offset, "add", $"index {index} out of bounds for length {list.Count}");
                }

                state.CheckSize(list.Count + 1, offset);
                list.Insert(index, args[1]);
                return null;
            case ("addAll", 1) when args[0] is IList<object?> items:
                state.CheckSize(list.Count + items.Count, offset);
                state.Account(items.Count, offset);
                foreach (var item in items.ToArray())
                {
                    list.Add(item);
                }

                return items.Count > 0;
            case ("set", 2) when TryInt(args[0], out var index):
                if (index < 0 || index >= list.Count)
                {
                    throw OutOfRange(offset, "set", $"index {index} out of bounds for length {list.Count}");
                }

                var previous = list[index];
                list[index] = args[1];
                return previous;
            case ("remove", 1) when TryInt(args[0], out var index):
                // Java picks remove(int) for an Integer argument.
                if (index < 0 || index >= list.Count)
                {
                    throw OutOfRange(offset, "remove", $"index {index} out of bounds for length {list.Count}");
                }

                var removed = list[index];
                list.RemoveAt(index);
                return removed;
            case ("remove", 1):
                var at = IndexOf(list, args[0], state);
                if (at >= 0)
                {
                    list.RemoveAt(at);
                }

                return at >= 0;
            case ("clear", 0):
                list.Clear();
                return null;
            default:
                return null;
        }
    }

    private static int IndexOf(IList<object?> list, object? item, VtlRenderState state)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (VtlValues.JavaEquals(list[i], item, 0, state.MaxDepth))
            {
                return i;
            }
        }

        return -1;
    }

    private static object? MapMethod(IDictionary<string, object?> map, string name, object?[] args, VtlRenderState state, int offset)
    {
        switch (name, args.Length)
        {
            case ("get", 1):
                return args[0] is string key && map.TryGetValue(key, out var value) ? value : null;
            case ("containsKey", 1):
                return args[0] is string k && map.ContainsKey(k);
            case ("containsValue", 1):
                return map.Values.Any(v => VtlValues.JavaEquals(v, args[0], 0, state.MaxDepth));
            case ("size", 0):
                return map.Count;
            case ("isEmpty", 0):
                return map.Count == 0;
            case ("keySet", 0):
                state.Account(map.Count, offset);
                var keys = new VtlList(map.Count);
                if (map is VtlMap ordered)
                {
                    // The concrete collection enumerates without allocating; a snapshot, as before.
                    foreach (var orderedKey in ordered.Keys)
                    {
                        keys.Add(orderedKey);
                    }
                }
                else
                {
                    keys.AddRange(map.Keys);
                }

                return keys;
            case ("values", 0):
                state.Account(map.Count, offset);
                return new VtlList(map.Values);
            case ("entrySet", 0):
                state.Account(map.Count, offset);
                return new VtlList(map.Select(pair => (object?)new VtlMapEntry(pair.Key, pair.Value)));
            case ("toString", 0):
                return state.ToText(map, offset);
            case ("equals", 1):
                return VtlValues.JavaEquals(map, args[0], 0, state.MaxDepth);
        }

        if (map.IsReadOnly)
        {
            return null;
        }

        switch (name, args.Length)
        {
            case ("put", 2) when args[0] is not null:
                var key = state.ToText(args[0], offset);
                map.TryGetValue(key, out var previous);
                if (!map.ContainsKey(key))
                {
                    state.CheckSize(map.Count + 1, offset);
                }

                map[key] = args[1];
                return previous;
            case ("putAll", 1) when args[0] is IDictionary<string, object?> other:
                state.CheckSize(map.Count + other.Count, offset);
                state.Account(other.Count, offset);
                foreach (var (k, v) in other.ToArray())
                {
                    map[k] = v;
                }

                return null;
            case ("remove", 1) when args[0] is string k:
                return map.Remove(k, out var removed) ? removed : null;
            case ("clear", 0):
                map.Clear();
                return null;
            default:
                return null;
        }
    }

    private static object? BoolMethod(bool b, string name, object?[] args, VtlRenderState state) => (name, args.Length) switch
    {
        ("toString", 0) => b ? "true" : "false",
        ("booleanValue", 0) => b,
        ("equals", 1) => VtlValues.JavaEquals(b, args[0], 0, state.MaxDepth),
        _ => null,
    };

    private static object? NumberMethod(object n, string name, object?[] args, VtlRenderState state) => (name, args.Length) switch
    {
        ("toString", 0) => VtlValues.ToText(n, state.MaxDepth),
        ("intValue", 0) => unchecked((int)VtlValues.ToLong(n)),
        ("longValue", 0) => VtlValues.ToLong(n),
        ("doubleValue", 0) or ("floatValue", 0) => VtlValues.ToDouble(n),
        ("equals", 1) => VtlValues.JavaEquals(n, args[0], 0, state.MaxDepth),
        ("compareTo", 1) when VtlValues.IsNumber(args[0]) => VtlValues.Compare(n, args[0]!),
        ("hashCode", 0) when n is int i => i,
        _ => null,
    };
}
