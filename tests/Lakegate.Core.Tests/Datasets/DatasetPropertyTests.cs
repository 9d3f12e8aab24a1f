using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lakegate.Core.Datasets;
using static Lakegate.Core.Tests.Datasets.DatasetTestSchema;

namespace Lakegate.Core.Tests.Datasets;

/// <summary>
/// Properties over generated requests (FsCheck): whatever the caller sends, the compiled SQL is made
/// of schema identifiers, fixed keywords and placeholders only; cursors round-trip and cannot be forged.
/// </summary>
public sealed partial class DatasetPropertyTests
{
    private static readonly HashSet<string> Keywords =
    [
        "SELECT", "AS", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "ILIKE", "IS", "NULL", "TRUE", "FALSE", "DISTINCT", "CAST",
        "ORDER", "BY", "ASC", "DESC", "NULLS", "FIRST", "LAST", "LIMIT", "OFFSET", "count",
        "VARCHAR", "INTEGER", "BIGINT", "DOUBLE", "DECIMAL", "DATE", "TIMESTAMP", "BOOLEAN",
    ];

    private static readonly string[] KeyPieces = ["select", "order", "or", "and", "not.or", "limit", "offset", "cursor", "sku", "qty", "price", "day", "active", "\"odd \\\"name\\\"\"", "secret", "\"sku\""];

    private static readonly string[] ValuePieces =
    [
        "eq.", "neq.", "gt.", "like.", "ilike.", "in.(", "is.", "not.eq.", "isdistinct.", "(qty.eq.", "(sku.eq.", "(and(sku.in.(", "(not.or(qty.lt.",
        "sku,", "n:sku,", "sku::text,", "qty.desc,", "\"", ")", ",", "'", ";", "--", "\\",
    ];

    /// <summary>
    /// A request of 1..4 parameters: grammatical templates with arbitrary text in every place the caller
    /// controls (values, in lists, logic trees, aliases, column names), mixed with free-form pieces.
    /// </summary>
    private static Arbitrary<List<KeyValuePair<string, string>>> Requests()
    {
        var text = ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty);
        var quoted = text.Select(t => "\"" + t.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
        var bare = text.Select(t => new string([.. t.Where(c => c is not (',' or '(' or ')' or '"' or '.' or ':'))]));
        var op = Gen.Elements("eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "isdistinct", "not.eq", "not.like");
        var column = Gen.Elements("sku", "region", "qty", "price", "day", "active", "score");
        var value = Gen.OneOf(quoted, bare);
        Gen<KeyValuePair<string, string>> Pair(Gen<string> key, Gen<string> v) => key.SelectMany(k => v.Select(x => new KeyValuePair<string, string>(k, x)));
        var templates = Gen.OneOf(
            Pair(Gen.Elements("sku", "region"), op.SelectMany(o => value.Select(v => o + "." + v))),
            Pair(Gen.Elements("sku", "region"), value.SelectMany(a => value.Select(b => "in.(" + a + "," + b + ")"))),
            Pair(Gen.Constant("or"), value.SelectMany(a => op.Select(o => "(sku." + o + "." + a + ",qty.is.null,and(region.eq." + a + ",active.is.true))"))),
            Pair(Gen.Constant("select"), Gen.Elements("n", "Alias_1", "x").SelectMany(a => column.Select(c => a + ":" + c + ",qty::text"))),
            Pair(Gen.Constant("order"), column.SelectMany(c => Gen.Elements(".desc", ".asc.nullsfirst", "").Select(m => c + m))),
            Pair(quoted, op.SelectMany(o => value.Select(v => o + "." + v))),
            Pair(Gen.Elements(KeyPieces).Select(k => k), Gen.Elements(ValuePieces).SelectMany(p => text.Select(t => p + t))),
            Pair(text, text));
        return Gen.Choose(1, 3).SelectMany(n => templates.ArrayOf(n)).Select(l => l.ToList()).ToArbitrary();
    }

    [Property(MaxTest = 3000)]
    public Property Compile_NeverEmitsCallerText() => Prop.ForAll(Requests(), request =>
    {
        var query = DatasetQueryParser.Parse(request, Inventory, Limits, out _);
        if (query is null)
        {
            return true;
        }

        var compiled = DatasetQueryCompiler.Compile(query, Inventory, "\"dataset\"");
        return OnlySchemaAndKeywords(compiled.Sql) && OnlySchemaAndKeywords(compiled.CountSql) && OnlySchemaAndKeywords(compiled.KeysSql);
    });

    [Fact]
    public void Requests_OftenParse_SoThePropertyAboveIsNotVacuous()
    {
        var samples = Requests().Generator.Sample(2000, 20).ToList();
        var parsed = samples.Count(r => DatasetQueryParser.Parse(r, Inventory, Limits, out _) is not null);
        Assert.Equal(2000, samples.Count);
        Assert.True(parsed >= 400, $"only {parsed} of 2000 generated requests parse");
    }

    [Property(MaxTest = 1000)]
    public Property Compile_ValueTextNeverChangesTheSql(NonNull<string> value, byte which)
    {
        string[] ops = ["eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "isdistinct"];
        var op = ops[which % ops.Length];
        var quoted = "\"" + value.Get.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        var withValue = DatasetQueryParser.Parse(Query($"sku={op}.{quoted}"), Inventory, Limits, out _);
        var plain = DatasetQueryParser.Parse(Query($"sku={op}.x"), Inventory, Limits, out _);
        var expected = op is "like" or "ilike" ? value.Get.Replace('*', '%') : value.Get;
        return (withValue is not null
            && DatasetQueryCompiler.Compile(withValue, Inventory, "t").Sql == DatasetQueryCompiler.Compile(plain!, Inventory, "t").Sql
            && Equals(DatasetQueryCompiler.Compile(withValue, Inventory, "t").Parameters[0], expected)).ToProperty();
    }

    [Property(MaxTest = 500)]
    public Property Compile_AliasesNeverReachTheSql() => Prop.ForAll(Aliases(), alias =>
    {
        var aliased = Parse($"select={alias}:qty,sku");
        return aliased.Select[0].OutputName == alias
            && DatasetQueryCompiler.Compile(aliased, Inventory, "t").Sql == DatasetQueryCompiler.Compile(Parse("select=qty,sku"), Inventory, "t").Sql;
    });

    /// <summary>Valid aliases (letters, digits, _; not starting with a digit), other than the selected sku.</summary>
    private static Arbitrary<string> Aliases()
    {
        const string first = "abcxyzABCXYZ_";
        const string rest = first + "0123456789";
        return Gen.Elements(first.ToCharArray())
            .SelectMany(f => Gen.ArrayOf(Gen.Elements(rest.ToCharArray())).Select(r => f + new string(r.Take(60).ToArray())))
            .Where(a => a != "sku").ToArbitrary();
    }

    [Property(MaxTest = 500)]
    public Property Cursor_RoundTrips(long qty, NonNull<string> sku, double score, decimal price, bool active, int days, long micros, bool nullQty)
    {
        if (!IsText(sku.Get))
        {
            return true.ToProperty();
        }

        var order = CursorOrder();
        var timestamp = new DateTime(2000, 1, 1).AddTicks(Math.Abs(micros % 3_000_000_000_000_000L) / 10 * 10);
        object?[] values = [nullQty ? null : qty, sku.Get, score, price, active, DateOnly.FromDayNumber(Math.Abs(days % 3_000_000)), timestamp];
        var codec = new DatasetCursorCodec(new byte[32]);
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var token = codec.Encode("inventory", "order=x", values, now);
        var decoded = codec.Decode(token, "inventory", "order=x", order, now.AddHours(1), out var error);
        return (decoded is not null && decoded.SequenceEqual(values)).Label(error?.Message ?? "values differ");
    }

    [Property(MaxTest = 500)]
    public Property Cursor_AlteredTokens_NeverDecodeToOtherValues(PositiveInt position, char replacement, long qty)
    {
        var order = CursorOrder();
        object?[] values = [qty, "SKU-1", 1.5, 2.25m, true, new DateOnly(2026, 1, 2), new DateTime(2026, 1, 2, 3, 4, 5)];
        var codec = new DatasetCursorCodec(new byte[32]);
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var token = codec.Encode("inventory", "f", values, now);
        var at = position.Get % token.Length;
        var altered = token[..at] + replacement + token[(at + 1)..];
        var decoded = codec.Decode(altered, "inventory", "f", order, now, out _);
        return (decoded is null || decoded.SequenceEqual(values)).ToProperty();
    }

    [Fact]
    public void Cursor_IsBoundToDatasetQueryKeyAndTime()
    {
        var order = CursorOrder();
        object?[] values = [1L, "a", 1.0, 1m, true, new DateOnly(2026, 1, 1), new DateTime(2026, 1, 1)];
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var token = new DatasetCursorCodec(new byte[32]).Encode("inventory", "f", values, now);
        var codec = new DatasetCursorCodec(new byte[32]);
        Assert.NotNull(codec.Decode(token, "inventory", "f", order, now, out _));
        Assert.Null(codec.Decode(token, "other", "f", order, now, out var e1));
        Assert.Null(codec.Decode(token, "inventory", "g", order, now, out var e2));
        Assert.Null(codec.Decode(token, "inventory", "f", order, now + DatasetCursorCodec.Lifetime + TimeSpan.FromMinutes(1), out var e3));
        Assert.Null(new DatasetCursorCodec(Enumerable.Repeat((byte)1, 32).ToArray()).Decode(token, "inventory", "f", order, now, out var e4));
        Assert.All(new List<QueryError?> { e1, e2, e3, e4 }, e => Assert.Equal(QueryErrorCodes.InvalidCursor, e!.Code));
        Assert.Contains("signature", e4!.Message);
    }

    private static List<OrderTerm> CursorOrder() =>
        [.. CursorColumns.Select(n => new OrderTerm(Inventory.Find(n)!, false, false))];

    private static readonly string[] CursorColumns = ["qty", "sku", "score", "price", "active", "day", "updated_at"];

    private static bool OnlySchemaAndKeywords(string sql)
    {
        var allowed = Inventory.Columns.Select(c => DatasetQueryCompiler.Quote(c.Name)).ToHashSet();
        allowed.Add("\"dataset\"");
        var rest = QuotedIdentifier().Replace(sql, m =>
            allowed.Contains(m.Value) || PositionalName().IsMatch(m.Value) ? " " : "\u0001");
        if (rest.Contains('\u0001', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var token in Tokens().Matches(rest).Select(m => m.Value))
        {
            if (!Keywords.Contains(token) && !Placeholder().IsMatch(token) && !Number().IsMatch(token) && token is not ("(" or ")" or "," or "=" or "<>" or ">" or ">=" or "<" or "<=" or "*"))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsText(string s) => !s.Any(char.IsSurrogate) || System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(s)) == s;

    [GeneratedRegex("\"(?:[^\"]|\"\")*\"")]
    private static partial Regex QuotedIdentifier();

    [GeneratedRegex("^\"[ck][0-9]+\"$")]
    private static partial Regex PositionalName();

    [GeneratedRegex(@"\$[0-9]+|[A-Za-z_]+|[0-9]+|<>|>=|<=|\S")]
    private static partial Regex Tokens();

    [GeneratedRegex(@"^\$[0-9]+$")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[0-9]+$")]
    private static partial Regex Number();
}
