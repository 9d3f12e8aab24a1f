using System.Text;
using System.Text.Json;
using Lakegate.Core.Signing;

namespace Lakegate.Core.Tests.Signing;

/// <summary>The published SigV4 vectors (AWS test suite, aws-c-auth, S3 API reference); origin in the fixture's note.</summary>
public sealed class SigV4VectorTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Signing", "Fixtures", "sigv4-vectors.json"))).RootElement;

    public static TheoryData<string> SuiteCases()
    {
        var data = new TheoryData<string>();
        foreach (var item in Fixture.GetProperty("cases").EnumerateArray())
        {
            data.Add(item.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SuiteCases))]
    public void ComputeSignature_SuiteCase_MatchesPublishedAuthorization(string name)
    {
        var item = Fixture.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var expected = item.GetProperty("authorization").GetString()!;
        var request = SuiteRequest(item);
        var style = Enum.Parse<CanonicalUriStyle>(item.GetProperty("style").GetString()!);
        Assert.True(SigV4AuthorizationParser.TryParseHeader(expected, "20150830T123600Z", null, out var parsed, out var error), error);

        var signature = SigV4.ComputeSignature(request, parsed!.SignedHeaders, Secret(Fixture), SuiteScope(), "20150830T123600Z", style);

        Assert.Equal(expected, SigV4.AuthorizationHeader("AKIDEXAMPLE", SuiteScope(), parsed.SignedHeaders, signature));
        Assert.True(SigV4.Verify(request, parsed, Secret(Fixture), style));
    }

    [Fact]
    public void SignHeaders_SessionToken_SignsTheTokenHeader()
    {
        var token = Fixture.GetProperty("sessionToken");
        var request = new SigningRequest("GET", "/", "", [new("host", "example.amazonaws.com")], SigV4.EmptyPayloadHash);
        var credentials = new AwsCredentials("AKIDEXAMPLE", Secret(Fixture), token.GetProperty("token").GetString());

        var added = SigV4.SignHeaders(request, [], credentials, SuiteScope(), SuiteTime(), CanonicalUriStyle.Standard);

        Assert.Equal(token.GetProperty("authorization").GetString(), added.Single(h => h.Key == "Authorization").Value);
        Assert.Equal(credentials.SessionToken, added.Single(h => h.Key == SigV4.SecurityTokenHeader).Value);
    }

    public static TheoryData<string> PresignedCases()
    {
        var data = new TheoryData<string>();
        foreach (var item in Fixture.GetProperty("presigned").EnumerateArray())
        {
            data.Add(item.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PresignedCases))]
    public void Presign_SuiteCase_MatchesPublishedSignature(string name)
    {
        var item = Fixture.GetProperty("presigned").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var request = new SigningRequest("GET", item.GetProperty("path").GetString()!, item.GetProperty("query").GetString()!,
            [new("host", "example.amazonaws.com")], item.GetProperty("payloadHash").GetString()!);

        var query = SigV4.Presign(request, [], new AwsCredentials("AKIDEXAMPLE", Secret(Fixture)), SuiteScope(), SuiteTime(),
            TimeSpan.FromSeconds(item.GetProperty("expires").GetInt32()), CanonicalUriStyle.Standard);

        Assert.EndsWith("&X-Amz-Signature=" + item.GetProperty("signature").GetString(), query, StringComparison.Ordinal);
        Assert.True(SigV4AuthorizationParser.TryParseQuery(query, out var parsed, out var error), error);
        Assert.True(SigV4.Verify(request with { Query = query }, parsed!, Secret(Fixture), CanonicalUriStyle.Standard));
    }

    public static TheoryData<string> S3Cases()
    {
        var data = new TheoryData<string>();
        foreach (var item in Fixture.GetProperty("s3").GetProperty("cases").EnumerateArray())
        {
            data.Add(item.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(S3Cases))]
    public void SignHeaders_S3DocumentationExample_MatchesPublishedSignature(string name)
    {
        var s3 = Fixture.GetProperty("s3");
        var item = s3.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var headers = new List<KeyValuePair<string, string>> { new("host", s3.GetProperty("host").GetString()!) };
        var toSign = new List<string>();
        foreach (var pair in item.GetProperty("headers").EnumerateArray())
        {
            headers.Add(new(pair[0].GetString()!, pair[1].GetString()!));
            toSign.Add(pair[0].GetString()!);
        }

        var body = Encoding.UTF8.GetBytes(item.GetProperty("body").GetString()!);
        var request = new SigningRequest(item.GetProperty("method").GetString()!, item.GetProperty("path").GetString()!,
            item.GetProperty("query").GetString()!, headers, SigV4.HashPayload(body));
        var time = DateTimeOffset.Parse(s3.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        var added = SigV4.SignHeaders(request, toSign, S3Credentials(s3), SigningScope.For(time, "us-east-1", "s3"), time,
            CanonicalUriStyle.S3, includeContentSha256: true);

        var authorization = added.Single(h => h.Key == "Authorization").Value;
        Assert.Contains($"SignedHeaders={item.GetProperty("signedHeaders").GetString()}, ", authorization, StringComparison.Ordinal);
        Assert.EndsWith("Signature=" + item.GetProperty("signature").GetString(), authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void Presign_S3DocumentationExample_MatchesPublishedSignature()
    {
        var s3 = Fixture.GetProperty("s3");
        var presigned = s3.GetProperty("presigned");
        var time = DateTimeOffset.Parse(s3.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var request = new SigningRequest("GET", presigned.GetProperty("path").GetString()!, "",
            [new("host", s3.GetProperty("host").GetString()!)], SigV4.UnsignedPayload);

        var query = SigV4.Presign(request, [], S3Credentials(s3), SigningScope.For(time, "us-east-1", "s3"), time,
            TimeSpan.FromSeconds(presigned.GetProperty("expires").GetInt32()), CanonicalUriStyle.S3);

        Assert.Equal(
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature="
            + presigned.GetProperty("signature").GetString(), query);
    }

    private static SigningRequest SuiteRequest(JsonElement item)
    {
        var headers = item.GetProperty("headers").EnumerateArray()
            .Select(pair => new KeyValuePair<string, string>(pair[0].GetString()!, pair[1].GetString()!)).ToList();
        return new SigningRequest(item.GetProperty("method").GetString()!, item.GetProperty("path").GetString()!,
            item.GetProperty("query").GetString()!, headers, SigV4.HashPayload(Encoding.UTF8.GetBytes(item.GetProperty("body").GetString()!)));
    }

    private static string Secret(JsonElement root) => root.GetProperty("credentials").GetProperty("secretAccessKey").GetString()!;

    private static AwsCredentials S3Credentials(JsonElement s3) => new(
        s3.GetProperty("credentials").GetProperty("accessKeyId").GetString()!, Secret(s3));

    private static DateTimeOffset SuiteTime() => new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    private static SigningScope SuiteScope() => SigningScope.For(SuiteTime(), "us-east-1", "service");
}
