using Lakegate.Core.Vtl;

namespace Lakegate.Core.Tests.Vtl;

public sealed class VtlParserTests
{
    [Theory]
    [InlineData("#if($a)\nx", 1, 1, "#if without #end")]
    [InlineData("a\n  #end", 2, 3, "#end without a matching")]
    [InlineData("x #else y", 1, 3, "#else without a matching")]
    [InlineData("#set($a = )", 1, 11, "unexpected ')'")]
    [InlineData("#set(a = 1)", 1, 6, "#set must assign")]
    [InlineData("\n\n#set($a = 1", 3, 12, "unclosed #set(")]
    [InlineData("#foreach($i of $l)#end", 1, 13, "expected 'in'")]
    [InlineData("#set($a = \"abc)", 1, 11, "unterminated string")]
    [InlineData("x #* never closed", 1, 3, "unterminated comment")]
    [InlineData("#set($a = [1, 2)", 1, 16, "expected ',' or ']'")]
    [InlineData("#set($a.b() = 1)", 1, 6, "cannot assign to a method call")]
    [InlineData("#include('x')", 1, 1, "#include is not supported")]
    [InlineData("#if(true)#else#elseif(true)#end", 1, 15, "#elseif after #else")]
    public void Parse_BadTemplate_ReportsLineAndColumn(string source, int line, int column, string message)
    {
        var result = VtlTemplate.Parse(source, "t");
        Assert.Null(result.Template);
        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith($"{line}:{column}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GoodTemplate_KeepsSource()
    {
        var result = VtlTemplate.Parse("$a", "t");
        Assert.Empty(result.Errors);
        Assert.Equal("$a", result.Template!.Source);
    }
}
