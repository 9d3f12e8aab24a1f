using Lakegate.Core.Routing;

namespace Lakegate.Core.Tests.Routing;

public sealed class RequestPathTests
{
    [Theory]
    [InlineData("/a/b", new[] { "a", "b" })]
    [InlineData("/a/b/", new[] { "a", "b" })]
    [InlineData("/a//b", new[] { "a", "b" })]
    [InlineData("/", new string[0])]
    [InlineData("/a%2Fb/c", new[] { "a/b", "c" })]
    [InlineData("/a%252F", new[] { "a%2F" })]
    [InlineData("/a+b", new[] { "a+b" })]
    [InlineData("/caf%C3%A9", new[] { "café" })]
    [InlineData("/a/./b/../c", new[] { "a", "c" })]
    [InlineData("/../../a", new[] { "a" })]
    [InlineData("/a/%2E%2E/b", new[] { "b" })]
    [InlineData("/a/%2e/b", new[] { "a", "b" })]
    [InlineData("/a?x=/b", new[] { "a" })]
    [InlineData("http://host:1/a/b?q", new[] { "a", "b" })]
    public void TrySplit_DecodesEachSegmentOnce(string raw, string[] expected)
    {
        Assert.True(RequestPath.TrySplit(raw, out var segments));
        Assert.Equal(expected, segments);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("relative/path")]
    public void TrySplit_NonPathTargets_AreRefused(string raw)
    {
        Assert.False(RequestPath.TrySplit(raw, out _));
    }

    [Fact]
    public void Encode_ReEncodesSegmentsSoNoneSplits()
    {
        Assert.Equal("/a%2Fb/c%20d", RequestPath.Encode(["a/b", "c d"]));
    }
}
