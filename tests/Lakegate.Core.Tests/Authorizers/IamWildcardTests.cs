using Lakegate.Core.Authorizers;

namespace Lakegate.Core.Tests.Authorizers;

public sealed class IamWildcardTests
{
    [Theory]
    [InlineData("*", "anything/at/all", true)]
    [InlineData("arn:aws:execute-api:us-east-1:1:api/prod/*", "arn:aws:execute-api:us-east-1:1:api/prod/GET/items/1", true)]
    [InlineData("arn:aws:execute-api:us-east-1:1:api/prod/GET/*", "arn:aws:execute-api:us-east-1:1:api/prod/POST/items", false)]
    [InlineData("arn:*:api/*/GET/items/*", "arn:aws:execute-api:us-east-1:1:api/prod/GET/items/a/b", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("GET/items", "GET/items/1", false)]
    [InlineData("GET/Items/*", "GET/items/1", false)]
    [InlineData("", "", true)]
    [InlineData("**", "", true)]
    public void IsMatch_IamPatterns(string pattern, string value, bool expected) =>
        Assert.Equal(expected, IamWildcard.IsMatch(pattern, value));

    [Fact]
    public void IsMatch_IgnoreCase_ForActions() =>
        Assert.True(IamWildcard.IsMatch("Execute-API:invoke", "execute-api:Invoke", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void IsMatch_HostilePattern_EndsQuickly()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 200)) + "b";
        var value = new string('a', 5000);

        Assert.False(IamWildcard.IsMatch(pattern, value));
    }
}
