using System.Text;
using Lakegate.Core.Functions;

namespace Lakegate.Core.Tests.Functions;

public class ProxyResponseReaderTests
{
    private static ProxyResponse? V1(string json, bool decode = false) => ProxyResponseReader.ReadV1(Encoding.UTF8.GetBytes(json), decode, out _);

    private static ProxyResponse? V2(string json) => ProxyResponseReader.ReadV2(Encoding.UTF8.GetBytes(json), out _);

    private static string Body(ProxyResponse response) => Encoding.UTF8.GetString(response.Body.Span);

    [Fact]
    public void ReadV1_FullResult_Binds()
    {
        var r = V1("""{"statusCode":201,"headers":{"X-A":"1","X-B":true,"X-N":5},"multiValueHeaders":{"X-M":["a","b"]},"body":"hi","isBase64Encoded":false}""")!;

        Assert.Equal(201, r.StatusCode);
        Assert.Equal("hi", Body(r));
        Assert.Contains(new KeyValuePair<string, string>("X-B", "true"), r.Headers);
        Assert.Contains(new KeyValuePair<string, string>("X-N", "5"), r.Headers);
        Assert.Equal(["a", "b"], r.Headers.Where(h => h.Key == "X-M").Select(h => h.Value));
        Assert.Contains(new KeyValuePair<string, string>("Content-Type", "application/json"), r.Headers);
    }

    [Fact]
    public void ReadV1_EmptyObject_Is200WithEmptyBody()
    {
        var r = V1("{}")!;

        Assert.Equal(200, r.StatusCode);
        Assert.True(r.Body.IsEmpty);
    }

    [Fact]
    public void ReadV1_StringStatusCode_IsAccepted() => Assert.Equal(404, V1("""{"statusCode":"404"}""")!.StatusCode);

    [Fact]
    public void ReadV1_HeaderInBothMaps_OnlyMultiValueSurvives()
    {
        var r = V1("""{"headers":{"x-a":"single"},"multiValueHeaders":{"X-A":["m1","m2"]}}""")!;

        Assert.Equal(["m1", "m2"], r.Headers.Where(h => h.Key.Equals("x-a", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value));
    }

    [Theory]
    [InlineData("""{"statusCode":200,"extra":1}""")]
    [InlineData("""{"statusCode":"abc"}""")]
    [InlineData("""{"statusCode":2000}""")]
    [InlineData("""{"statusCode":200.5}""")]
    [InlineData("""{"body":{"json":"object"}}""")]
    [InlineData("""{"headers":{"x":["list"]}}""")]
    [InlineData("""{"headers":"x"}""")]
    [InlineData("""{"multiValueHeaders":{"x":"notalist"}}""")]
    [InlineData("""{"isBase64Encoded":"yes"}""")]
    [InlineData("""{"headers":{"bad name":"x"}}""")]
    [InlineData("""{"headers":{"x":"a\r\nInjected: 1"}}""")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    public void ReadV1_Malformed_IsRefused(string json) => Assert.Null(V1(json));

    [Fact]
    public void ReadV1_Base64Body_DecodedOnlyWhenAsked()
    {
        const string json = """{"body":"AAEC/w==","isBase64Encoded":true}""";

        Assert.Equal(new byte[] { 0, 1, 2, 255 }, V1(json, decode: true)!.Body.ToArray());
        Assert.Equal("AAEC/w==", Body(V1(json, decode: false)!));
    }

    [Fact]
    public void ReadV1_InvalidBase64WhenDecoding_IsRefused() => Assert.Null(V1("""{"body":"%%%","isBase64Encoded":true}""", decode: true));

    [Fact]
    public void ReadV2_WithoutStatusCode_IsA200WithTheJsonAsBody()
    {
        var r = V2("""{"message":"hi"}""")!;

        Assert.Equal(200, r.StatusCode);
        Assert.Equal("""{"message":"hi"}""", Body(r));
        Assert.Contains(new KeyValuePair<string, string>("Content-Type", "application/json"), r.Headers);
    }

    [Fact]
    public void ReadV2_BareString_IsTheBody() => Assert.Equal("hello", Body(V2("\"hello\"")!));

    [Fact]
    public void ReadV2_Explicit_CookiesBecomeSetCookieAndBase64IsAlwaysDecoded()
    {
        var r = V2("""{"statusCode":201,"cookies":["a=1","b=2; Path=/"],"body":"AAE=","isBase64Encoded":true,"headers":{"content-type":"image/png"}}""")!;

        Assert.Equal(201, r.StatusCode);
        Assert.Equal(["a=1", "b=2; Path=/"], r.Headers.Where(h => h.Key == "Set-Cookie").Select(h => h.Value));
        Assert.Equal(new byte[] { 0, 1 }, r.Body.ToArray());
        Assert.DoesNotContain(r.Headers, h => h.Key == "Content-Type");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"statusCode":"x"}""")]
    [InlineData("""{"statusCode":200,"body":5}""")]
    public void ReadV2_Malformed_IsRefused(string json) => Assert.Null(V2(json));

    [Theory]
    [InlineData("image/png", true)]
    [InlineData("image/png, text/html", true)]
    [InlineData("text/html, image/png", false)]
    [InlineData(null, false)]
    public void AcceptMatches_UsesTheFirstAcceptType(string? accept, bool expected) =>
        Assert.Equal(expected, BinaryMediaTypes.AcceptMatches(accept, ["image/*"]));
}
