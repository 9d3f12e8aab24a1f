using System.Globalization;
using System.Text.Json;

namespace Lakegate.Core.Vtl.ApiGateway;

/// <summary>
/// The part of Jayway JsonPath that mapping templates use: <c>$</c>, <c>.name</c>,
/// <c>['name']</c>, <c>['a','b']</c>, <c>[n]</c> (negative from the end), <c>[n,m]</c>,
/// <c>[*]</c>, <c>.*</c>, <c>..name</c>, <c>[start:end]</c> and filters
/// <c>[?(@.x == 'y')]</c> (<c>== != &lt; &gt; &lt;= &gt;=</c>, or <c>@.x</c> alone for existence).
/// As in Jayway, a definite path (no wildcard, deep scan, slice, filter or union) yields one
/// value, any other path a list of matches.
/// </summary>
internal sealed class JsonPath
{
    private readonly Func<IEnumerable<JsonElement>, IEnumerable<JsonElement>>[] _steps;

    private JsonPath(Func<IEnumerable<JsonElement>, IEnumerable<JsonElement>>[] steps, bool isDefinite)
    {
        _steps = steps;
        IsDefinite = isDefinite;
    }

    public bool IsDefinite { get; }

    public static bool TryParse(string path, out JsonPath? result, out string? error)
    {
        result = null;
        error = null;
        try
        {
            result = new Parser(path).Parse();
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    public IReadOnlyList<JsonElement> Evaluate(JsonElement root)
    {
        IEnumerable<JsonElement> current = [root];
        foreach (var step in _steps)
        {
            current = step(current);
        }

        return current.ToList();
    }

    private static IEnumerable<JsonElement> Child(IEnumerable<JsonElement> input, string name)
    {
        foreach (var e in input)
        {
            if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var child))
            {
                yield return child;
            }
        }
    }

    private static IEnumerable<JsonElement> Wildcard(IEnumerable<JsonElement> input)
    {
        foreach (var e in input)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    yield return p.Value;
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    yield return item;
                }
            }
        }
    }

    private static IEnumerable<JsonElement> Descendants(JsonElement e)
    {
        yield return e;
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                foreach (var d in Descendants(p.Value))
                {
                    yield return d;
                }
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
            {
                foreach (var d in Descendants(item))
                {
                    yield return d;
                }
            }
        }
    }

    private static IEnumerable<JsonElement> Indexes(IEnumerable<JsonElement> input, int[] indexes)
    {
        foreach (var e in input)
        {
            if (e.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var length = e.GetArrayLength();
            foreach (var i in indexes)
            {
                var at = i < 0 ? length + i : i;
                if (at >= 0 && at < length)
                {
                    yield return e[at];
                }
            }
        }
    }

    private static IEnumerable<JsonElement> Slice(IEnumerable<JsonElement> input, int? start, int? end)
    {
        foreach (var e in input)
        {
            if (e.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var length = e.GetArrayLength();
            var from = start is { } s ? (s < 0 ? Math.Max(0, length + s) : Math.Min(s, length)) : 0;
            var to = end is { } t ? (t < 0 ? Math.Max(0, length + t) : Math.Min(t, length)) : length;
            for (var i = from; i < to; i++)
            {
                yield return e[i];
            }
        }
    }

    private sealed class Parser(string path)
    {
        private readonly List<Func<IEnumerable<JsonElement>, IEnumerable<JsonElement>>> _steps = [];
        private int _pos;
        private bool _definite = true;

        public JsonPath Parse()
        {
            var p = path.Trim();
            path = p.StartsWith('$') ? p : p.StartsWith('[') ? "$" + p : "$." + p;
            _pos = 1;
            while (_pos < path.Length)
            {
                var c = path[_pos];
                if (c == '.' && _pos + 1 < path.Length && path[_pos + 1] == '.')
                {
                    _pos += 2;
                    _definite = false;
                    if (_pos < path.Length && path[_pos] == '[')
                    {
                        _steps.Add(input => input.SelectMany(Descendants));
                        continue;
                    }

                    var name = ReadName();
                    _steps.Add(input => name == "*" ? Wildcard(input.SelectMany(Descendants)) : Child(input.SelectMany(Descendants), name));
                }
                else if (c == '.')
                {
                    _pos++;
                    var name = ReadName();
                    if (name == "*")
                    {
                        _definite = false;
                        _steps.Add(Wildcard);
                    }
                    else
                    {
                        _steps.Add(input => Child(input, name));
                    }
                }
                else if (c == '[')
                {
                    ParseBracket();
                }
                else
                {
                    throw new FormatException($"unexpected '{c}' at {_pos} in JSONPath '{path}'");
                }
            }

            return new JsonPath([.. _steps], _definite);
        }

        private string ReadName()
        {
            var start = _pos;
            while (_pos < path.Length && path[_pos] is not ('.' or '['))
            {
                _pos++;
            }

            if (start == _pos)
            {
                throw new FormatException($"empty property name in JSONPath '{path}'");
            }

            return path[start.._pos];
        }

        private void ParseBracket()
        {
            var close = FindClose();
            var inner = path[(_pos + 1)..close].Trim();
            _pos = close + 1;
            if (inner == "*")
            {
                _definite = false;
                _steps.Add(Wildcard);
                return;
            }

            if (inner.StartsWith('?'))
            {
                _definite = false;
                var filter = Filter.Parse(inner, path);
                _steps.Add(input => Wildcard(input).Where(filter.Matches));
                return;
            }

            if (inner.StartsWith('\'') || inner.StartsWith('"'))
            {
                var names = SplitTopLevel(inner).Select(Unquote).ToArray();
                if (names.Length > 1)
                {
                    _definite = false;
                }

                _steps.Add(input => names.SelectMany(name => Child(input, name)));
                return;
            }

            if (inner.Contains(':', StringComparison.Ordinal))
            {
                _definite = false;
                var parts = inner.Split(':');
                int? start = parts[0].Trim().Length == 0 ? null : ParseInt(parts[0]);
                int? end = parts[1].Trim().Length == 0 ? null : ParseInt(parts[1]);
                _steps.Add(input => Slice(input, start, end));
                return;
            }

            var indexes = SplitTopLevel(inner).Select(ParseInt).ToArray();
            if (indexes.Length > 1)
            {
                _definite = false;
            }

            _steps.Add(input => Indexes(input, indexes));
        }

        private int FindClose()
        {
            var quote = '\0';
            var depth = 0;
            for (var i = _pos + 1; i < path.Length; i++)
            {
                var c = path[i];
                if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }

                    continue;
                }

                switch (c)
                {
                    case '\'' or '"':
                        quote = c;
                        break;
                    case '[' or '(':
                        depth++;
                        break;
                    case ')':
                        depth--;
                        break;
                    case ']' when depth == 0:
                        return i;
                    case ']':
                        depth--;
                        break;
                }
            }

            throw new FormatException($"unclosed '[' in JSONPath '{path}'");
        }

        private int ParseInt(string text) =>
            int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                ? i
                : throw new FormatException($"'{text.Trim()}' is not an index in JSONPath '{path}'");

        private string Unquote(string text)
        {
            var t = text.Trim();
            if (t.Length >= 2 && (t[0] == '\'' || t[0] == '"') && t[^1] == t[0])
            {
                return t[1..^1];
            }

            throw new FormatException($"bad property name {t} in JSONPath '{path}'");
        }

        private static List<string> SplitTopLevel(string text)
        {
            var parts = new List<string>();
            var quote = '\0';
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }
                }
                else if (c is '\'' or '"')
                {
                    quote = c;
                }
                else if (c == ',')
                {
                    parts.Add(text[start..i]);
                    start = i + 1;
                }
            }

            parts.Add(text[start..]);
            return parts;
        }
    }

    /// <summary><c>?(@.a.b OP literal)</c> or <c>?(@.a.b)</c>.</summary>
    private sealed class Filter(string[] path, string? op, JsonElement? literal)
    {
        private static readonly string[] Operators = ["==", "!=", "<=", ">=", "<", ">"];

        public static Filter Parse(string inner, string whole)
        {
            var body = inner[1..].Trim();
            if (!body.StartsWith('(') || !body.EndsWith(')'))
            {
                throw new FormatException($"filter must be ?(...) in JSONPath '{whole}'");
            }

            body = body[1..^1].Trim();
            string? op = null;
            var opAt = -1;
            foreach (var candidate in Operators)
            {
                opAt = IndexOutsideQuotes(body, candidate);
                if (opAt >= 0)
                {
                    op = candidate;
                    break;
                }
            }

            var left = (op is null ? body : body[..opAt]).Trim();
            if (!left.StartsWith('@'))
            {
                throw new FormatException($"filter must start with @ in JSONPath '{whole}'");
            }

            var segments = left[1..].Split('.', StringSplitOptions.RemoveEmptyEntries);
            JsonElement? literal = null;
            if (op is not null)
            {
                var right = body[(opAt + op.Length)..].Trim();
                if (right.Length >= 2 && right[0] == '\'' && right[^1] == '\'')
                {
                    right = VtlJson.AppendString(new System.Text.StringBuilder(), right[1..^1]).ToString();
                }

                try
                {
                    using var document = JsonDocument.Parse(right);
                    literal = document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    throw new FormatException($"bad filter value {right} in JSONPath '{whole}'");
                }
            }

            return new Filter(segments, op, literal);
        }

        private static int IndexOutsideQuotes(string text, string token)
        {
            var quote = '\0';
            for (var i = 0; i + token.Length <= text.Length; i++)
            {
                var c = text[i];
                if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }

                    continue;
                }

                if (c is '\'' or '"')
                {
                    quote = c;
                    continue;
                }

                if (string.CompareOrdinal(text, i, token, 0, token.Length) == 0)
                {
                    return i;
                }
            }

            return -1;
        }

        public bool Matches(JsonElement element)
        {
            var current = element;
            foreach (var segment in path)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
                {
                    return false;
                }
            }

            if (op is null || literal is not { } value)
            {
                return true;
            }

            if (current.ValueKind == JsonValueKind.Number && value.ValueKind == JsonValueKind.Number)
            {
                var c = current.GetDouble().CompareTo(value.GetDouble());
                return Test(c);
            }

            if (current.ValueKind == JsonValueKind.String && value.ValueKind == JsonValueKind.String)
            {
                return Test(string.CompareOrdinal(current.GetString(), value.GetString()));
            }

            var equal = current.ValueKind == value.ValueKind && current.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null;
            return op switch
            {
                "==" => equal,
                "!=" => !equal,
                _ => false,
            };
        }

        private bool Test(int comparison) => op switch
        {
            "==" => comparison == 0,
            "!=" => comparison != 0,
            "<" => comparison < 0,
            ">" => comparison > 0,
            "<=" => comparison <= 0,
            _ => comparison >= 0,
        };
    }
}
