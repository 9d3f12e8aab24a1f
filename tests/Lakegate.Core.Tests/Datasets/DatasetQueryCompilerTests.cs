using Lakegate.Core.Datasets;
using static Lakegate.Core.Tests.Datasets.DatasetTestSchema;

namespace Lakegate.Core.Tests.Datasets;

public sealed class DatasetQueryCompilerTests
{
    [Fact]
    public void Compile_BindsEveryValue_AndNamesOutputsByPosition()
    {
        var compiled = DatasetQueryCompiler.Compile(Parse("select=sku,n:qty", "region=in.(eu,us)", "sku=like.A*", "order=qty.desc", "limit=10", "offset=20"), Inventory, "\"dataset\"");
        Assert.Equal(
            "SELECT \"sku\" AS \"c0\", \"qty\" AS \"c1\", \"qty\" AS \"k0\", \"sku\" AS \"k1\" FROM \"dataset\" WHERE (\"region\" IN (CAST($1 AS VARCHAR), CAST($2 AS VARCHAR))) AND (\"sku\" LIKE CAST($3 AS VARCHAR)) ORDER BY \"qty\" DESC NULLS FIRST, \"sku\" ASC NULLS LAST LIMIT $4 OFFSET $5",
            compiled.Sql);
        Assert.Equal(["eu", "us", "A%", 11L, 20L], compiled.Parameters);
        Assert.Equal([10L, 20L], compiled.ExactParameters.Skip(3));
        Assert.Equal("SELECT count(*) FROM \"dataset\" WHERE (\"region\" IN (CAST($1 AS VARCHAR), CAST($2 AS VARCHAR))) AND (\"sku\" LIKE CAST($3 AS VARCHAR))", compiled.CountSql);
        Assert.Equal(["sku", "n"], compiled.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Compile_LogicAndNegation()
    {
        var compiled = DatasetQueryCompiler.Compile(Parse("not.or=(qty.is.null,and(qty.gt.5,active.not.is.false))", "price=not.eq.3"), Inventory, "t");
        Assert.Contains("WHERE NOT ((\"qty\" IS NULL) OR ((\"qty\" > CAST($1 AS INTEGER)) AND NOT (\"active\" IS FALSE))) AND NOT (\"price\" = CAST($2 AS DECIMAL(10,2)))", compiled.Sql);
    }

    [Fact]
    public void Compile_Cursor_WritesTheKeysetPredicateForEachNullCase()
    {
        var query = Parse("order=qty.asc,price.desc.nullslast");
        var after = DatasetQueryCompiler.Compile(query, Inventory, "t", [5L, null, "SKU-1"]);
        // qty after 5 (nulls last: larger or NULL); price NULL with nulls last: nothing after, branch dropped; sku strictly greater.
        Assert.Contains("(((\"qty\" > CAST($1 AS INTEGER) OR \"qty\" IS NULL)) OR (\"qty\" = CAST($3 AS INTEGER) AND \"price\" IS NULL AND (\"sku\" > CAST($2 AS VARCHAR) OR \"sku\" IS NULL)))", after.Sql);
        Assert.Equal([5L, "SKU-1", 5L, 101L, 0L], after.Parameters);
        var nullFirst = DatasetQueryCompiler.Compile(Parse("order=qty.desc"), Inventory, "t", [null, "SKU-1"]);
        Assert.Contains("WHERE ((\"qty\" IS NOT NULL) OR (\"qty\" IS NULL AND (\"sku\" > CAST($1 AS VARCHAR) OR \"sku\" IS NULL)))", nullFirst.Sql);
    }

    [Fact]
    public void Compile_EmptyInList_MatchesNothing()
    {
        Assert.Contains("WHERE (FALSE)", DatasetQueryCompiler.Compile(Parse("qty=in.()"), Inventory, "t").Sql);
    }

    [Fact]
    public void CompileItem_ByKey()
    {
        var (sql, columns) = DatasetQueryCompiler.CompileItem([], Inventory, "t");
        Assert.EndsWith("FROM t WHERE \"sku\" = CAST($1 AS VARCHAR) LIMIT 2", sql);
        Assert.Equal(Inventory.Columns.Count, columns.Count);
    }

    [Fact]
    public void Quote_DoublesEmbeddedQuotes()
    {
        Assert.Equal("\"odd \"\"name\"\"\"", DatasetQueryCompiler.Quote("odd \"name\""));
    }
}
