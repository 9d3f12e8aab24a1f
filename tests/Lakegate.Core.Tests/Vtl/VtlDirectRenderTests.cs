using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lakegate.Core.Vtl;
using Lakegate.Core.Vtl.ApiGateway;
using static Lakegate.Core.Tests.Vtl.VtlTestHelpers;

namespace Lakegate.Core.Tests.Vtl;

/// <summary>
/// The fast paths must not change a byte: <c>$input.json('$')</c> and <c>$util.escapeJavaScript</c>
/// rendered straight into the output give the same text as the ordinary call (reached through
/// <c>#set</c>, which always builds the value), and <see cref="VtlTemplate.RenderTo"/> gives the UTF-8
/// of <see cref="VtlTemplate.Render"/>.
/// </summary>
public sealed class VtlDirectRenderTests
{
    private static readonly VtlTemplate Direct = Compile("$input.json('$')|$util.escapeJavaScript($input.body)");
    private static readonly VtlTemplate Built = Compile("#set($j = $input.json('$'))#set($e = $util.escapeJavaScript($input.body))$j|$e");

    private static VtlScope Scope(string? body) => ApiGatewayScope.Create(
        new ApiGatewayRequest(
            body,
            new Dictionary<string, string>(),
            new Dictionary<string, string>(),
            new Dictionary<string, string>(),
            new Dictionary<string, IReadOnlyList<string>>(),
            new Dictionary<string, IReadOnlyList<string>>()),
        new FakeContext(),
        new Dictionary<string, string>());

    private static (VtlRenderResult Direct, VtlRenderResult Built) Both(string? body) =>
        (Direct.Render(Scope(body), VtlLimits.Default), Built.Render(Scope(body), VtlLimits.Default));

    public static TheoryData<string?> Bodies => new()
    {
        null,
        "",
        "   ",
        "{}",
        "[]",
        "{\"a\": 1, \"b\": [true, false, null], \"c\": {\"d\": \"e\"}}",
        "  {\"spaced\" :  [ 1 , 2 ] }  ",
        "{\"n\": [0, -0, 1.0, 1.50, -2.5e3, 1E2, 1e-7, 12345678901, 123456789012345678901234567890, 2147483648, -2147483649]}",
        "{\"s\": \"quote \\\" slash / backslash \\\\ tab \\t nl \\n uni \\u00e9 \\u2028 \\u0001 \\u007f \\u0085 emoji 😀 \\ud83d\\ude00\"}",
        "{\"raw\": \"é ü 中文 ' apostrophe\"}",
        "{\"dup\": 1, \"other\": 2, \"dup\": 3}",
        "{\"outer\": {\"dup\": 1}, \"dup\": {\"dup\": 2, \"x\": {\"dup\": 3}}}",
        "[{\"a\": 1, \"a\": 2}]",
        "\"just a string\"",
        "42",
        "true",
        "null",
        "not json at all",
        "{\"a\": 1,}",
        "{\"a\": 1} trailing",
        "{\"a\": 1} // comment",
        "\uFEFF{\"bom\": 1}",
        "{\"lone\": \"\\ud800\"}",
        "{\"a\": \"x\ud800y\"}",
        new string('[', 64) + new string(']', 64),
        new string('[', 65) + new string(']', 65),
        "{" + string.Join(",", Enumerable.Range(0, 600).Select(i => $"\"k{i}\": {i}")) + "}",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Render_DirectCalls_SameTextAsBuiltValues(string? body)
    {
        var (direct, built) = Both(body);
        // Same fault, same message; the column differs only because the two templates differ.
        Assert.Equal(built.Error?.Message, direct.Error?.Message);
        Assert.Equal(built.Output, direct.Output);
    }

    [Property(MaxTest = 300)]
    public Property Render_DirectCalls_SameTextAsBuiltValues_ForGeneratedJson(NonNull<string> key, NonNull<string> text, int number, double real, bool flag)
    {
        var value = new Dictionary<string, object?>
        {
            [key.Get] = text.Get,
            ["n"] = number,
            ["r"] = double.IsFinite(real) ? real : 0.5,
            ["list"] = new object?[] { flag, null, text.Get, new Dictionary<string, object?> { [text.Get] = key.Get } },
        };
        string body;
        try
        {
            body = System.Text.Json.JsonSerializer.Serialize(value);
        }
        catch (ArgumentException)
        {
            return Prop.When(false, true);
        }

        var (direct, built) = Both(body);
        return (direct.Output == built.Output && direct.Error?.Message == built.Error?.Message).Label(body);
    }

    [Property(MaxTest = 300)]
    public Property Render_DirectEscapeJavaScript_SameAsUtilMethod(NonNull<string> text)
    {
        var scope = new VtlScope().Set("util", UtilObject.Instance).Set("v", text.Get);
        var direct = Compile("$util.escapeJavaScript($v)").Render(scope, VtlLimits.Default).Output;
        return (direct == UtilObject.EscapeJavaScript(text.Get)).Label(text.Get);
    }

    [Theory]
    [InlineData("{\"a\": \"é\", \"b\": [1, 2.5]}")]
    [InlineData("not json")]
    [InlineData(null)]
    public void RenderTo_WritesUtf8OfRender(string? body)
    {
        var template = Compile("""
            #set($all = $input.params())
            {"body": $input.json('$'), "esc": "$util.escapeJavaScript($input.body)", "pairs": [#foreach($i in [1..3])"$i-é"#if($foreach.hasNext),#end#end]}
            """);
        var expected = template.Render(Scope(body), VtlLimits.Default);
        Assert.Null(expected.Error);
        var buffer = new ArrayBufferWriter<byte>(16);
        Assert.Null(template.RenderTo(Scope(body), VtlLimits.Default, buffer));
        Assert.Equal(Encoding.UTF8.GetBytes(expected.Output), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void RenderTo_LoneSurrogate_BecomesReplacementCharacter_AsEncodingUtf8()
    {
        var scope = new VtlScope().Set("v", "a\ud800b");
        var buffer = new ArrayBufferWriter<byte>();
        Assert.Null(Compile("$v").RenderTo(scope, VtlLimits.Default, buffer));
        Assert.Equal(Encoding.UTF8.GetBytes("a\ud800b"), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void RenderTo_LargeOutput_SpanningBufferChunks_IsComplete()
    {
        var template = Compile("#foreach($i in [1..900])$i:é😀,#end");
        var expected = Encoding.UTF8.GetBytes(template.Render(new VtlScope(), VtlLimits.Default).Output);
        var buffer = new ArrayBufferWriter<byte>(1);
        Assert.Null(template.RenderTo(new VtlScope(), VtlLimits.Default, buffer));
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void RenderTo_Error_WritesNothing_AndReportsWhere()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var error = Compile("before\n$s.substring(5)").RenderTo(new VtlScope().Set("s", "abc"), VtlLimits.Default, buffer);
        Assert.NotNull(error);
        Assert.Equal(2, error.Line);
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void Render_DirectWriteOverOutputLimit_FailsAndKeepsEarlierOutput()
    {
        var limits = VtlLimits.Default with { MaxOutputChars = 40 };
        var scope = new VtlScope().Set("util", UtilObject.Instance).Set("v", new string('/', 30));
        var result = Compile("0123456789$util.escapeJavaScript($v)").Render(scope, limits);
        Assert.NotNull(result.Error);
        Assert.Equal("0123456789", result.Output);
    }

    [Fact]
    public void Render_ManyRendersOnOneThread_DoNotSeeEachOthersLocals()
    {
        var template = Compile("#if($x)seen $x#else clean#end#set($x = 'set')");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(" clean", template.Render(new VtlScope(), VtlLimits.Default).Output);
        }
    }
}
