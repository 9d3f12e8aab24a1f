using Lakegate.Core.Signing;

namespace Lakegate.Core.Tests.Signing;

public sealed class CanonicalRequestTests
{
    [Theory]
    [InlineData("/my%20key/a%2Fb", "/my%2520key/a%252Fb")]
    [InlineData("/a/./b/../c//", "/a/c/")]
    [InlineData("/a/b/..", "/a")]
    [InlineData("", "/")]
    [InlineData("/../..", "/")]
    public void Uri_Standard_NormalizesAndEncodesTheWirePathAgain(string path, string expected) =>
        Assert.Equal(expected, CanonicalRequest.Uri(path, CanonicalUriStyle.Standard));

    [Theory]
    [InlineData("/bucket/my%20key", "/bucket/my%20key")]
    [InlineData("/bucket/a%2Fb", "/bucket/a%2Fb")]
    [InlineData("/bucket/./x/../y//", "/bucket/./x/../y//")]
    [InlineData("/bucket/%E2%82%AC%7e", "/bucket/%E2%82%AC~")]
    [InlineData("/bucket/caf\u00e9 (1).txt", "/bucket/caf%C3%A9%20%281%29.txt")]
    public void Uri_S3_EncodesOnceAndKeepsThePathAsItIs(string path, string expected) =>
        Assert.Equal(expected, CanonicalRequest.Uri(path, CanonicalUriStyle.S3));

    [Fact]
    public void Query_SortsByEncodedNameThenValue_AndSpellsSpacesAsPercent20()
    {
        Assert.Equal("%C3%A9=%2B&a=&b=1&b=2&c=x%20y", CanonicalRequest.Query("%C3%A9=%2B&b=2&c=x+y&a&b=1"));
    }

    [Fact]
    public void Query_Presigned_LeavesOutTheSignatureOnly()
    {
        Assert.Equal("X-Amz-Date=1&a=b", CanonicalRequest.Query("a=b&X-Amz-Signature=abc&X-Amz-Date=1", excludeSignature: true));
    }

    [Fact]
    public void PercentDecode_MalformedEscape_KeepsTheText()
    {
        Assert.Equal("100%", CanonicalRequest.PercentDecode("100%"));
        Assert.Equal("%zz!", CanonicalRequest.PercentDecode("%zz%21"));
    }
}
