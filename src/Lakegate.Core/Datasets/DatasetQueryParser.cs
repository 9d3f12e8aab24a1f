using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Lakegate.Core.Datasets;

/// <summary>
/// Parses a list request's query string (the PostgREST-compatible subset of docs/datasets.md) against
/// a dataset's exposed schema. Every column is resolved against the schema and every value parsed
/// into its column's type here, so the compiler only ever sees schema objects and typed values.
/// </summary>
public static partial class DatasetQueryParser
{
    private static readonly HashSet<string> Scalars = ["select", "order", "limit", "offset", "cursor", "format"];

    /// <summary>Parses <paramref name="parameters"/> (decoded, in request order, repeated keys kept); null with <paramref name="error"/> when refused.</summary>
    public static DatasetQuery? Parse(IReadOnlyList<KeyValuePair<string, string>> parameters, DatasetSchema schema, QueryLimits limits, out QueryError? error)
    {
        try
        {
            error = null;
            return new Parser(schema, limits).Parse(parameters);
        }
        catch (QueryException ex)
        {
            error = ex.Error;
            return null;
        }
    }

    /// <summary>Parses only <c>select=</c> (item routes); null with <paramref name="error"/> when refused.</summary>
    public static IReadOnlyList<SelectItem>? ParseSelect(string? select, DatasetSchema schema, QueryLimits limits, out QueryError? error)
    {
        try
        {
            error = null;
            return select is null ? [] : new Parser(schema, limits).ParseSelect(select);
        }
        catch (QueryException ex)
        {
            error = ex.Error;
            return null;
        }
    }

    public static QueryError Syntax(string message, string? details = null, string? hint = null) => new(400, QueryErrorCodes.Syntax, message, details, hint);

    /// <summary>Caller text quoted in a message is cut short, so an error never echoes a whole hostile URL.</summary>
    public static string Quote(string text) => text.Length <= 64 ? text : text[..64] + "...";

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex AliasPattern();

    private sealed class Parser(DatasetSchema schema, QueryLimits limits)
    {
        private int _filters;

        public DatasetQuery Parse(IReadOnlyList<KeyValuePair<string, string>> parameters)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            IReadOnlyList<SelectItem> select = [];
            IReadOnlyList<OrderTerm> order = [];
            var filters = new List<FilterNode>();
            int? limit = null;
            int? offset = null;
            string? cursor = null;
            string? format = null;
            var fingerprint = new List<string>();

            foreach (var (key, value) in parameters)
            {
                if (Scalars.Contains(key) && !seen.Add(key))
                {
                    throw new QueryException(new QueryError(400, QueryErrorCodes.DuplicateParameter, $"parameter '{key}' may be given once"));
                }

                switch (key)
                {
                    case "select":
                        select = ParseSelect(value);
                        fingerprint.Add("select=" + value);
                        break;
                    case "order":
                        order = ParseOrder(value);
                        fingerprint.Add("order=" + value);
                        break;
                    case "limit":
                        limit = ParseCount(key, value);
                        break;
                    case "offset":
                        offset = ParseCount(key, value);
                        break;
                    case "cursor":
                        cursor = value;
                        break;
                    case "format":
                        format = value.ToLowerInvariant();
                        break;
                    case "or" or "and" or "not.or" or "not.and":
                        filters.Add(ParseLogicParameter(key, value));
                        fingerprint.Add(key + "=" + value);
                        break;
                    default:
                        filters.Add(ParseFilterParameter(key, value));
                        fingerprint.Add(key + "=" + value);
                        break;
                }
            }

            if (cursor is not null && offset is not null)
            {
                throw new QueryException(Syntax("cursor and offset cannot be combined", hint: "page with the cursor from the Link header alone"));
            }

            if (offset > limits.MaxOffset)
            {
                throw new QueryException(new QueryError(400, QueryErrorCodes.OffsetTooLarge, $"offset {offset} is beyond the largest allowed ({limits.MaxOffset})",
                    Hint: "follow the cursor in the Link: rel=\"next\" header to page further"));
            }

            fingerprint.Sort(StringComparer.Ordinal);
            return new DatasetQuery
            {
                Select = select,
                Filters = filters,
                Order = order,
                Limit = Math.Min(limit ?? limits.DefaultPageSize, limits.MaxPageSize),
                Offset = offset ?? 0,
                Cursor = cursor,
                Format = format,
                Fingerprint = string.Join('\n', fingerprint),
            };
        }

        private static int ParseCount(string key, string value)
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new QueryException(Syntax($"{key} must be a non-negative integer", $"got '{Quote(value)}'"));
            }

            return count;
        }

        public IReadOnlyList<SelectItem> ParseSelect(string text)
        {
            var items = new List<SelectItem>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var part in SplitTopLevel(text, "select"))
            {
                var field = part.Trim();
                if (field == "*")
                {
                    foreach (var each in schema.Columns)
                    {
                        Add(new SelectItem(each, each.Name, null, each.Type));
                    }

                    continue;
                }

                string? cast = null;
                var castAt = LastIndexOutsideQuotes(field, "::");
                if (castAt >= 0)
                {
                    cast = field[(castAt + 2)..];
                    field = field[..castAt];
                }

                string? alias = null;
                var aliasAt = IndexOutsideQuotes(field, ':');
                if (aliasAt >= 0)
                {
                    alias = field[..aliasAt];
                    field = field[(aliasAt + 1)..];
                    if (!AliasPattern().IsMatch(alias))
                    {
                        throw new QueryException(Syntax($"alias '{Quote(alias)}' is not a valid name", hint: "aliases are letters, digits and _, starting with a letter or _"));
                    }
                }

                var column = ResolveColumn(Unquote(field, "select"));
                var (castSql, type) = (default(string), column.Type);
                if (cast is not null)
                {
                    if (!DatasetTypes.Casts.TryGetValue(cast.ToLowerInvariant(), out var allowed))
                    {
                        throw new QueryException(new QueryError(400, QueryErrorCodes.InvalidCast, $"cast to '{Quote(cast)}' is not allowed",
                            Hint: "allowed casts: " + string.Join(", ", DatasetTypes.Casts.Keys)));
                    }

                    (castSql, type) = allowed;
                }

                Add(new SelectItem(column, alias ?? column.Name, castSql, type));
            }

            if (items.Count == 0)
            {
                throw new QueryException(Syntax("select names no column"));
            }

            return items;

            void Add(SelectItem item)
            {
                if (!names.Add(item.OutputName))
                {
                    throw new QueryException(Syntax($"'{Quote(item.OutputName)}' is selected twice", hint: "give one of them an alias: other:column"));
                }

                if (items.Count >= limits.MaxSelect)
                {
                    throw new QueryException(new QueryError(400, QueryErrorCodes.Limit, $"select names more than {limits.MaxSelect} columns"));
                }

                items.Add(item);
            }
        }

        private IReadOnlyList<OrderTerm> ParseOrder(string text)
        {
            var terms = new List<OrderTerm>();
            foreach (var part in SplitTopLevel(text, "order"))
            {
                var term = part.Trim();
                var (name, rest) = SplitColumnReference(term, "order");
                var column = ResolveColumn(name);
                bool? descending = null;
                bool? nullsFirst = null;
                foreach (var modifier in rest.Length == 0 ? [] : rest.Split('.'))
                {
                    switch (modifier)
                    {
                        case "asc" when descending is null:
                            descending = false;
                            break;
                        case "desc" when descending is null:
                            descending = true;
                            break;
                        case "nullsfirst" when nullsFirst is null:
                            nullsFirst = true;
                            break;
                        case "nullslast" when nullsFirst is null:
                            nullsFirst = false;
                            break;
                        default:
                            throw new QueryException(Syntax($"order term '{Quote(term)}' is not column[.asc|.desc][.nullsfirst|.nullslast]"));
                    }
                }

                // PostgreSQL's placement (NULL sorts as the largest value), always written out for DuckDB.
                terms.Add(new OrderTerm(column, descending ?? false, nullsFirst ?? (descending ?? false)));
                if (terms.Count > limits.MaxOrder)
                {
                    throw new QueryException(new QueryError(400, QueryErrorCodes.Limit, $"order has more than {limits.MaxOrder} terms"));
                }
            }

            return terms;
        }

        private FilterNode ParseFilterParameter(string key, string value)
        {
            var column = ResolveColumn(Unquote(key, "filter"));
            var text = value;
            var negated = false;
            if (text.StartsWith("not.", StringComparison.Ordinal))
            {
                negated = true;
                text = text[4..];
            }

            var dot = text.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                throw new QueryException(Syntax($"filter '{Quote(key)}={Quote(value)}' is not column=operator.value", hint: "for example qty=gte.10"));
            }

            var op = ParseOperator(text[..dot]);
            var operand = text[(dot + 1)..];
            if (op == FilterOperator.In)
            {
                var reader = new TextReader(operand, "filter");
                var list = reader.ReadList();
                if (!reader.AtEnd)
                {
                    throw new QueryException(Syntax($"unexpected text after the in list of '{Quote(key)}'"));
                }

                return MakeComparison(column, op, negated, list);
            }

            return MakeComparison(column, op, negated, [Unquote(operand, "filter")]);
        }

        private LogicFilter ParseLogicParameter(string key, string value)
        {
            var negated = key.StartsWith("not.", StringComparison.Ordinal);
            var reader = new TextReader(value, key);
            var children = ParseGroup(reader, 1);
            if (!reader.AtEnd)
            {
                throw new QueryException(Syntax($"unexpected text after the closing parenthesis of '{key}'"));
            }

            return new LogicFilter(key.EndsWith("or", StringComparison.Ordinal), negated, children);
        }

        private List<FilterNode> ParseGroup(TextReader reader, int depth)
        {
            if (depth > limits.MaxDepth)
            {
                throw new QueryException(new QueryError(400, QueryErrorCodes.Limit, $"logic nests deeper than {limits.MaxDepth} levels"));
            }

            reader.Expect('(');
            var children = new List<FilterNode>();
            while (true)
            {
                children.Add(ParseCondition(reader, depth));
                if (reader.TryTake(','))
                {
                    continue;
                }

                reader.Expect(')');
                return children;
            }
        }

        private FilterNode ParseCondition(TextReader reader, int depth)
        {
            var negated = reader.TryTake("not.");
            if (reader.TryTake("or("))
            {
                reader.Back();
                return new LogicFilter(true, negated, ParseGroup(reader, depth + 1));
            }

            if (reader.TryTake("and("))
            {
                reader.Back();
                return new LogicFilter(false, negated, ParseGroup(reader, depth + 1));
            }

            var name = reader.ReadName();
            reader.Expect('.');
            var column = ResolveColumn(name);
            var negatedOperator = reader.TryTake("not.");
            var op = ParseOperator(reader.ReadWord());
            reader.Expect('.');
            var values = op == FilterOperator.In ? reader.ReadList() : [reader.ReadValue()];
            var comparison = MakeComparison(column, op, negatedOperator, values);
            return negated ? new LogicFilter(false, true, [comparison]) : comparison;
        }

        private static FilterOperator ParseOperator(string text) => text switch
        {
            "eq" => FilterOperator.Eq,
            "neq" => FilterOperator.Neq,
            "gt" => FilterOperator.Gt,
            "gte" => FilterOperator.Gte,
            "lt" => FilterOperator.Lt,
            "lte" => FilterOperator.Lte,
            "like" => FilterOperator.Like,
            "ilike" => FilterOperator.Ilike,
            "in" => FilterOperator.In,
            "is" => FilterOperator.Is,
            "isdistinct" => FilterOperator.IsDistinct,
            _ => throw new QueryException(new QueryError(400, QueryErrorCodes.UnsupportedOperator, $"operator '{Quote(text)}' is not supported",
                Hint: "operators: eq, neq, gt, gte, lt, lte, like, ilike, in, is, isdistinct (prefix not. to negate)")),
        };

        private ComparisonFilter MakeComparison(DatasetColumn column, FilterOperator op, bool negated, IReadOnlyList<string> texts)
        {
            _filters++;
            if (_filters > limits.MaxFilters)
            {
                throw new QueryException(new QueryError(400, QueryErrorCodes.Limit, $"more than {limits.MaxFilters} filters"));
            }

            switch (op)
            {
                case FilterOperator.Is:
                    var isValue = texts[0].ToLowerInvariant() switch
                    {
                        "null" => IsValue.Null,
                        "not_null" => IsValue.NotNull,
                        "true" => IsValue.True,
                        "false" => IsValue.False,
                        "unknown" => IsValue.Unknown,
                        _ => throw new QueryException(new QueryError(400, QueryErrorCodes.InvalidValue, $"is.{Quote(texts[0])}: expected null, not_null, true, false or unknown")),
                    };
                    if (isValue is IsValue.True or IsValue.False or IsValue.Unknown && column.Type != DatasetValueType.Boolean)
                    {
                        throw new QueryException(new QueryError(400, QueryErrorCodes.UnsupportedOperator, $"is.{texts[0]} needs a boolean column; '{column.Name}' is not"));
                    }

                    return new ComparisonFilter(column, op, negated, [], isValue);
                case FilterOperator.Like or FilterOperator.Ilike:
                    if (column.Type != DatasetValueType.String)
                    {
                        throw new QueryException(new QueryError(400, QueryErrorCodes.UnsupportedOperator, $"{op.ToString().ToLowerInvariant()} needs a text column; '{column.Name}' is not"));
                    }

                    // PostgREST lets * stand for % so patterns need no URL encoding.
                    return new ComparisonFilter(column, op, negated, [texts[0].Replace('*', '%')]);
                case FilterOperator.In:
                    if (texts.Count > limits.MaxInList)
                    {
                        throw new QueryException(new QueryError(400, QueryErrorCodes.Limit, $"in list longer than {limits.MaxInList} values"));
                    }

                    return new ComparisonFilter(column, op, negated, [.. texts.Select(t => Typed(column, t))]);
                default:
                    return new ComparisonFilter(column, op, negated, [Typed(column, texts[0])]);
            }
        }

        private static object Typed(DatasetColumn column, string text) =>
            DatasetValues.Parse(text, column.Type)
            ?? throw new QueryException(new QueryError(400, QueryErrorCodes.InvalidValue, $"'{Quote(text)}' is not a valid {column.Type.ToString().ToLowerInvariant()} for column '{column.Name}'",
                Hint: Hint(column.Type)));

        private static string? Hint(DatasetValueType type) => type switch
        {
            DatasetValueType.Date => "dates are yyyy-MM-dd",
            DatasetValueType.Timestamp or DatasetValueType.TimestampTz => "timestamps are yyyy-MM-ddTHH:mm:ss[.ffffff][Z|+hh:mm] (percent-encode +)",
            DatasetValueType.Boolean => "true or false",
            DatasetValueType.Uuid => "a UUID such as 123e4567-e89b-12d3-a456-426614174000",
            _ => null,
        };

        private DatasetColumn ResolveColumn(string name) =>
            schema.Find(name)
            ?? throw new QueryException(new QueryError(400, QueryErrorCodes.UnknownColumn, $"column '{Quote(name)}' does not exist in dataset '{schema.DatasetName}'",
                Hint: "GET the dataset's OpenAPI document for its columns"));

        private static (string Name, string Remainder) SplitColumnReference(string term, string context)
        {
            if (term.StartsWith('"'))
            {
                var reader = new TextReader(term, context);
                var name = reader.ReadName();
                var rest = reader.Rest;
                if (rest.Length > 0 && rest[0] != '.')
                {
                    throw new QueryException(Syntax($"unexpected text after the quoted name in '{Quote(term)}'"));
                }

                return (name, rest.Length == 0 ? string.Empty : rest[1..]);
            }

            var dot = term.IndexOf('.', StringComparison.Ordinal);
            return dot < 0 ? (term, string.Empty) : (term[..dot], term[(dot + 1)..]);
        }

        private static string Unquote(string text, string context)
        {
            if (text.Length == 0 || text[0] != '"')
            {
                return text;
            }

            var reader = new TextReader(text, context);
            var value = reader.ReadQuoted();
            if (!reader.AtEnd)
            {
                throw new QueryException(Syntax($"unexpected text after the closing quote in '{Quote(text)}'"));
            }

            return value;
        }

        private static List<string> SplitTopLevel(string text, string context)
        {
            var parts = new List<string>();
            var current = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted && c == '\\' && i + 1 < text.Length)
                {
                    current.Append(c).Append(text[++i]);
                    continue;
                }

                if (c == '"')
                {
                    quoted = !quoted;
                }

                if (c == ',' && !quoted)
                {
                    parts.Add(current.ToString());
                    current.Clear();
                    continue;
                }

                current.Append(c);
            }

            if (quoted)
            {
                throw new QueryException(Syntax($"unclosed quote in {context}"));
            }

            parts.Add(current.ToString());
            if (parts.Exists(p => p.Trim().Length == 0))
            {
                throw new QueryException(Syntax($"empty item in {context}"));
            }

            return parts;
        }

        private static int IndexOutsideQuotes(string text, char c)
        {
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '"')
                {
                    quoted = !quoted;
                }
                else if (!quoted && text[i] == c)
                {
                    return i;
                }
            }

            return -1;
        }

        private static int LastIndexOutsideQuotes(string text, string token)
        {
            var found = -1;
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '"')
                {
                    quoted = !quoted;
                }
                else if (!quoted && string.CompareOrdinal(text, i, token, 0, token.Length) == 0)
                {
                    found = i;
                }
            }

            return found;
        }
    }

    /// <summary>A cursor over one parameter value, for the nested <c>or=(...)</c> grammar and quoted values.</summary>
    private sealed class TextReader(string text, string context)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        public string Rest => text[_position..];

        public void Back() => _position--;

        public bool TryTake(char c)
        {
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        public bool TryTake(string token)
        {
            if (string.CompareOrdinal(text, _position, token, 0, token.Length) == 0 && _position + token.Length <= text.Length)
            {
                _position += token.Length;
                return true;
            }

            return false;
        }

        public void Expect(char c)
        {
            if (!TryTake(c))
            {
                throw new QueryException(Syntax($"expected '{c}' at position {_position + 1} of {context}", $"in '{Quote(text)}'"));
            }
        }

        /// <summary>A column name: quoted, or up to the next reserved character.</summary>
        public string ReadName()
        {
            if (_position < text.Length && text[_position] == '"')
            {
                return ReadQuoted();
            }

            var start = _position;
            while (_position < text.Length && text[_position] is not ('.' or ',' or '(' or ')' or ':'))
            {
                _position++;
            }

            if (_position == start)
            {
                throw new QueryException(Syntax($"expected a column name at position {start + 1} of {context}", $"in '{Quote(text)}'"));
            }

            return text[start.._position];
        }

        public string ReadWord()
        {
            var start = _position;
            while (_position < text.Length && char.IsAsciiLetter(text[_position]))
            {
                _position++;
            }

            return text[start.._position];
        }

        /// <summary>A value inside a group or list: quoted, or up to the next <c>,</c> or <c>)</c>.</summary>
        public string ReadValue()
        {
            if (_position < text.Length && text[_position] == '"')
            {
                return ReadQuoted();
            }

            var start = _position;
            while (_position < text.Length && text[_position] is not (',' or ')'))
            {
                _position++;
            }

            return text[start.._position];
        }

        public List<string> ReadList()
        {
            Expect('(');
            var values = new List<string>();
            if (TryTake(')'))
            {
                return values;
            }

            while (true)
            {
                values.Add(ReadValue());
                if (TryTake(','))
                {
                    continue;
                }

                Expect(')');
                return values;
            }
        }

        public string ReadQuoted()
        {
            Expect('"');
            var value = new StringBuilder();
            while (_position < text.Length)
            {
                var c = text[_position++];
                if (c == '\\' && _position < text.Length)
                {
                    value.Append(text[_position++]);
                }
                else if (c == '"')
                {
                    return value.ToString();
                }
                else
                {
                    value.Append(c);
                }
            }

            throw new QueryException(Syntax($"unclosed quote in {context}"));
        }
    }
}
