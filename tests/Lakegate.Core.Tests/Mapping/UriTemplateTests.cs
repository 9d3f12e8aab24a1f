using Lakegate.Core.Mapping;

namespace Lakegate.Core.Tests.Mapping;

public sealed class UriTemplateTests
{
    [Fact]
    public void Expand_SubstitutesStageVariablesVerbatimAndParametersEncoded()
    {
        var template = UriTemplate.Parse("http://${stageVariables.host}/items/{id}?v=${stageVariables.v}");
        Assert.Equal(["id"], template.ParameterNames);
        Assert.Equal(["host", "v"], template.StageVariableNames);

        var uri = template.Expand(
            name => UriTemplate.EncodePathValue(name == "id" ? "a b/c" : "?", keepSlashes: false),
            name => name == "host" ? "backend:8080" : "2");
        Assert.Equal("http://backend:8080/items/a%20b%2Fc?v=2", uri);
    }

    [Theory]
    [InlineData("a/b/c", true, "a/b/c")]
    [InlineData("a/../b", true, "a/%2E%2E/b")]
    [InlineData("..", false, "%2E%2E")]
    [InlineData("x y", false, "x%20y")]
    public void EncodePathValue_NeverLetsAValueTraverse(string value, bool keepSlashes, string expected)
    {
        Assert.Equal(expected, UriTemplate.EncodePathValue(value, keepSlashes));
    }

    [Fact]
    public void Expand_UnknownValues_ExpandToNothing()
    {
        var template = UriTemplate.Parse("http://h/{missing}/x");
        Assert.Equal("http://h//x", template.Expand(_ => null, _ => null));
    }

    [Fact]
    public void Parse_LeavesUnclosedBracesLiteral()
    {
        var template = UriTemplate.Parse("http://h/{open");
        Assert.Empty(template.ParameterNames);
        Assert.Equal("http://h/{open", template.Expand(_ => "x", _ => "y"));
    }
}
