using System.Text.Json;
using Lakegate.Core.Cors;

namespace Lakegate.Core.Tests.Cors;

public sealed class CorsPolicyTests
{
    private static CorsPolicy? Compile(string json, out List<string> errors) =>
        CorsPolicy.Compile(JsonDocument.Parse(json).RootElement, out errors);

    [Theory]
    [InlineData("""{"allowOrigins": ["*"], "allowCredentials": true}""", "allowCredentials cannot be combined")]
    [InlineData("""{"allowOrigins": ["example.com"]}""", "must be '*' or start with http")]
    [InlineData("""{"maxAge": -1}""", "maxAge")]
    [InlineData("""{"allowMethods": "GET"}""", "expected a list")]
    [InlineData("""[1]""", "expected an object")]
    public void Compile_InvalidConfiguration_SaysWhy(string json, string expected)
    {
        Assert.Null(Compile(json, out var errors));
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://a.example.com", "https://a.example.com")]
    [InlineData("HTTPS://A.EXAMPLE.COM", "HTTPS://A.EXAMPLE.COM")]
    [InlineData("https://x.sub.test", "https://x.sub.test")]
    [InlineData("https://sub.test", null)]
    [InlineData("http://x.sub.test", null)]
    [InlineData("https://b.example.com", null)]
    public void AllowOriginFor_ExactAndWildcardSubdomains(string origin, string? expected)
    {
        var policy = Compile("""{"allowOrigins": ["https://a.example.com", "https://*.sub.test"]}""", out _)!;
        Assert.Equal(expected, policy.AllowOriginFor(origin));
    }

    [Fact]
    public void AllowOriginFor_Star_AnswersStarWithoutCredentials()
    {
        Assert.Equal("*", Compile("""{"allowOrigins": ["*"]}""", out _)!.AllowOriginFor("https://any.test"));
    }

    [Fact]
    public void AllowsMethodAndHeaders_CaseRules()
    {
        var policy = Compile("""{"allowMethods": ["get"], "allowHeaders": ["X-Api-Key"]}""", out _)!;
        Assert.True(policy.AllowsMethod("GET"));
        Assert.False(policy.AllowsMethod("POST"));
        Assert.True(policy.AllowsHeaders("x-api-key"));
        Assert.False(policy.AllowsHeaders("x-api-key, authorization"));
    }
}
