using Lakegate.Core.Datasets;
using static Lakegate.Core.Tests.Datasets.DatasetTestSchema;

namespace Lakegate.Core.Tests.Datasets;

public sealed class DatasetQueryParserTests
{
    [Fact]
    public void Parse_SelectWithAliasesAndCasts_ResolvesColumns()
    {
        var query = Parse("select=sku,amount:price::text,qty");
        Assert.Collection(query.Select,
            s => Assert.Equal(("sku", "sku", (string?)null), (s.Column.Name, s.OutputName, s.CastSql)),
            s => Assert.Equal(("price", "amount", "VARCHAR", DatasetValueType.String), (s.Column.Name, s.OutputName, s.CastSql, s.Type)),
            s => Assert.Equal("qty", s.Column.Name));
    }

    [Fact]
    public void Parse_SelectStar_AndQuotedNameWithQuotes()
    {
        Assert.Equal(Inventory.Columns.Count, Parse("select=*").Select.Count);
        Assert.Equal("odd \"name\"", Parse("select=\"odd \\\"name\\\"\"").Select[0].Column.Name);
    }

    [Theory]
    [InlineData("qty=eq.5", FilterOperator.Eq, 5L)]
    [InlineData("qty=neq.5", FilterOperator.Neq, 5L)]
    [InlineData("qty=gt.-3", FilterOperator.Gt, -3L)]
    [InlineData("qty=gte.0", FilterOperator.Gte, 0L)]
    [InlineData("qty=lt.9", FilterOperator.Lt, 9L)]
    [InlineData("qty=lte.9", FilterOperator.Lte, 9L)]
    [InlineData("qty=isdistinct.9", FilterOperator.IsDistinct, 9L)]
    [InlineData("sku=like.SKU-*1", FilterOperator.Like, "SKU-%1")]
    [InlineData("sku=ilike.*abc*", FilterOperator.Ilike, "%abc%")]
    [InlineData("sku=eq.\"a,b.c:d\"", FilterOperator.Eq, "a,b.c:d")]
    public void Parse_Operators_TypedValues(string filter, FilterOperator op, object value)
    {
        var comparison = Assert.IsType<ComparisonFilter>(Assert.Single(Parse(filter).Filters));
        Assert.Equal(op, comparison.Operator);
        Assert.Equal(value, Assert.Single(comparison.Values));
    }

    [Fact]
    public void Parse_TypedValuesOfEveryKind()
    {
        var filters = Parse("price=gt.1.25", "score=lt.2e3", "day=eq.2026-03-01", "updated_at=gte.2026-03-01T10:00:00.5", "active=eq.true", "updated_at=lt.2026-03-01T10:00:00%2B02:00".Replace("%2B", "+")).Filters
            .Cast<ComparisonFilter>().Select(f => f.Values[0]).ToList();
        Assert.Equal(1.25m, filters[0]);
        Assert.Equal(2000d, filters[1]);
        Assert.Equal(new DateOnly(2026, 3, 1), filters[2]);
        Assert.Equal(new DateTime(2026, 3, 1, 10, 0, 0, 500), filters[3]);
        Assert.Equal(true, filters[4]);
        Assert.Equal(new DateTime(2026, 3, 1, 8, 0, 0), filters[5]);
    }

    [Fact]
    public void Parse_InWithQuotedValues_AndIs()
    {
        var filters = Parse("region=in.(eu,\"us,east\",\"say \\\"hi\\\"\")", "qty=is.null", "active=not.is.true").Filters.Cast<ComparisonFilter>().ToList();
        Assert.Equal(["eu", "us,east", "say \"hi\""], filters[0].Values.Cast<string>());
        Assert.Equal(IsValue.Null, filters[1].Is);
        Assert.True(filters[2].Negated);
        Assert.Equal(IsValue.True, filters[2].Is);
    }

    [Fact]
    public void Parse_NestedLogic()
    {
        var filter = Assert.IsType<LogicFilter>(Assert.Single(Parse("or=(qty.lt.18,not.and(qty.gte.11,sku.in.(a,b)),region.not.eq.eu)").Filters));
        Assert.True(filter.IsOr);
        Assert.Equal(3, filter.Children.Count);
        var nested = Assert.IsType<LogicFilter>(filter.Children[1]);
        Assert.False(nested.IsOr);
        Assert.True(nested.Negated);
        Assert.Equal(["a", "b"], Assert.IsType<ComparisonFilter>(nested.Children[1]).Values.Cast<string>());
        Assert.True(Assert.IsType<ComparisonFilter>(filter.Children[2]).Negated);
        Assert.True(Assert.IsType<LogicFilter>(Assert.Single(Parse("not.and=(qty.gt.1,qty.lt.5)").Filters)).Negated);
    }

    [Fact]
    public void Parse_Order_DefaultNullsFollowPostgres()
    {
        var order = Parse("order=qty.desc,price,region.asc.nullsfirst,sku.desc.nullslast").Order;
        Assert.Equal((true, true), (order[0].Descending, order[0].NullsFirst));
        Assert.Equal((false, false), (order[1].Descending, order[1].NullsFirst));
        Assert.Equal((false, true), (order[2].Descending, order[2].NullsFirst));
        Assert.Equal((true, false), (order[3].Descending, order[3].NullsFirst));
    }

    [Fact]
    public void Parse_LimitIsCappedAndOffsetIsBounded()
    {
        Assert.Equal(100, Parse().Limit);
        Assert.Equal(1000, Parse("limit=999999").Limit);
        Assert.Equal(QueryErrorCodes.OffsetTooLarge, Refuse("offset=501").Code);
        Assert.Equal(500, Parse("offset=500").Offset);
    }

    [Theory]
    [InlineData(QueryErrorCodes.UnknownColumn, "secret=eq.1")]
    [InlineData(QueryErrorCodes.UnknownColumn, "select=sku,secret")]
    [InlineData(QueryErrorCodes.UnknownColumn, "order=secret")]
    [InlineData(QueryErrorCodes.UnknownColumn, "or=(secret.eq.1,qty.eq.2)")]
    [InlineData(QueryErrorCodes.UnknownColumn, "select=sku;drop table x")]
    [InlineData(QueryErrorCodes.UnknownColumn, "order=sku;select 1")]
    [InlineData(QueryErrorCodes.InvalidValue, "qty=eq.abc")]
    [InlineData(QueryErrorCodes.InvalidValue, "day=eq.2026-13-01")]
    [InlineData(QueryErrorCodes.InvalidValue, "qty=in.(1,x)")]
    [InlineData(QueryErrorCodes.InvalidValue, "qty=is.maybe")]
    [InlineData(QueryErrorCodes.UnsupportedOperator, "qty=fts.x")]
    [InlineData(QueryErrorCodes.UnsupportedOperator, "qty=like.1*")]
    [InlineData(QueryErrorCodes.UnsupportedOperator, "qty=is.true")]
    [InlineData(QueryErrorCodes.InvalidCast, "select=qty::interval")]
    [InlineData(QueryErrorCodes.DuplicateParameter, "limit=1", "limit=2")]
    [InlineData(QueryErrorCodes.Syntax, "cursor=abc", "offset=1")]
    [InlineData(QueryErrorCodes.Syntax, "qty=5")]
    [InlineData(QueryErrorCodes.Syntax, "or=(qty.eq.1")]
    [InlineData(QueryErrorCodes.Syntax, "or=(qty.eq.1))")]
    [InlineData(QueryErrorCodes.Syntax, "select=a b:sku")]
    [InlineData(QueryErrorCodes.Syntax, "select=sku,sku")]
    [InlineData(QueryErrorCodes.Syntax, "order=qty.sideways")]
    [InlineData(QueryErrorCodes.Syntax, "limit=-1")]
    [InlineData(QueryErrorCodes.Syntax, "select=\"sku")]
    public void Parse_Refusals_HaveStableCodes(string code, params string[] pairs)
    {
        var error = Refuse(pairs);
        Assert.Equal(code, error.Code);
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public void Parse_HiddenAndUnknownColumns_AnswerAlike()
    {
        var hidden = Refuse("secret=eq.1");
        var unknown = Refuse("nothing=eq.1");
        Assert.Equal(hidden.Message.Replace("secret", "X"), unknown.Message.Replace("nothing", "X"));
    }

    [Fact]
    public void Parse_Guardrails()
    {
        Assert.Equal(QueryErrorCodes.Limit, Refuse([.. Enumerable.Range(0, 51).Select(i => $"qty=neq.{i}")]).Code);
        Assert.Equal(QueryErrorCodes.Limit, Refuse("or=(and(or(and(or(qty.eq.1)))))").Code);
        Assert.Single(Parse("or=(and(or(and(qty.eq.1))))").Filters);
        Assert.Equal(QueryErrorCodes.Limit, Refuse("qty=in.(" + string.Join(',', Enumerable.Range(0, 1001)) + ")").Code);
    }

    [Fact]
    public void Parse_Fingerprint_IgnoresPagingAndParameterOrder()
    {
        Assert.Equal(Parse("qty=gt.1", "order=sku", "limit=5").Fingerprint, Parse("order=sku", "qty=gt.1", "cursor=x").Fingerprint);
        Assert.NotEqual(Parse("qty=gt.1").Fingerprint, Parse("qty=gt.2").Fingerprint);
    }
}
