using Lakegate.Core.Signing;

namespace Lakegate.Core.Tests.Signing;

public sealed class SigV4AuthorizationParserTests
{
    private const string Signature = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

    [Fact]
    public void TryParseHeader_WellFormed_ReadsEveryPart()
    {
        var header = $"AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature={Signature}";

        Assert.True(SigV4AuthorizationParser.TryParseHeader(header, "20150830T123600Z", "tok", out var parsed, out var error), error);

        Assert.Equal("AKID", parsed!.AccessKeyId);
        Assert.Equal(new SigningScope("20150830", "us-east-1", "execute-api"), parsed.Scope);
        Assert.Equal(["host", "x-amz-date"], parsed.SignedHeaders);
        Assert.Equal("tok", parsed.SecurityToken);
        Assert.Equal(new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero), parsed.SigningTime);
        Assert.True(parsed.ScopeDateMatches);
        Assert.False(parsed.Presigned);
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("AWS4-HMAC-SHA256")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/svc/aws4_request, SignedHeaders=host")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/2015-08-30/us-east-1/svc/aws4_request, SignedHeaders=host, Signature=" + Signature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/svc/aws5_request, SignedHeaders=host, Signature=" + Signature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=/20150830/us-east-1/svc/aws4_request, SignedHeaders=host, Signature=" + Signature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/svc/aws4_request, SignedHeaders=x-amz-date, Signature=" + Signature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/svc/aws4_request, SignedHeaders=Host, Signature=" + Signature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/svc/aws4_request, SignedHeaders=host, Signature=xyz")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/svc/aws4_request, SignedHeaders=host, Signature=" + Signature + ", Extra=1")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/svc/aws4_request, SignedHeaders=host,, Signature=" + Signature)]
    public void TryParseHeader_Malformed_FailsWithMessage(string header)
    {
        Assert.False(SigV4AuthorizationParser.TryParseHeader(header, "20150830T123600Z", null, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TryParseHeader_NoDate_Fails()
    {
        var header = $"AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/svc/aws4_request, SignedHeaders=host, Signature={Signature}";
        Assert.False(SigV4AuthorizationParser.TryParseHeader(header, null, null, out _, out var error));
        Assert.Contains("X-Amz-Date", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseQuery_Presigned_ReadsExpiresAndToken()
    {
        var query = "a=1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20150830%2Fus-east-1%2Fs3%2Faws4_request"
            + $"&X-Amz-Date=20150830T123600Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Security-Token=t%2Bk&X-Amz-Signature={Signature}";

        Assert.True(SigV4AuthorizationParser.TryParseQuery(query, out var parsed, out var error), error);

        Assert.True(parsed!.Presigned);
        Assert.Equal(TimeSpan.FromSeconds(300), parsed.Expires);
        Assert.Equal("t+k", parsed.SecurityToken);
        Assert.True(SigV4AuthorizationParser.IsPresent(null, query));
    }

    [Theory]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA1&X-Amz-Date=20150830T123600Z")]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20150830%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-SignedHeaders=host&X-Amz-Signature=" + Signature)]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20150830%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=-1&X-Amz-SignedHeaders=host&X-Amz-Signature=" + Signature)]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20150830%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=604801&X-Amz-SignedHeaders=host&X-Amz-Signature=" + Signature)]
    public void TryParseQuery_Malformed_Fails(string query)
    {
        Assert.False(SigV4AuthorizationParser.TryParseQuery(query, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void AwsCredentials_ToString_HidesSecretAndToken()
    {
        var text = new AwsCredentials("AKID", "very-secret", "session-token").ToString();
        Assert.DoesNotContain("very-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("session-token", text, StringComparison.Ordinal);
        Assert.Contains("AKID", text, StringComparison.Ordinal);
    }
}
