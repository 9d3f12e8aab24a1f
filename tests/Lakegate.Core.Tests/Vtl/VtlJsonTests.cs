using System.Text.Json;
using Lakegate.Core.Vtl;

namespace Lakegate.Core.Tests.Vtl;

public sealed class VtlJsonTests
{
    private static object? Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return VtlJson.FromJson(document.RootElement);
    }

    [Theory]
    [InlineData("1", typeof(int))]
    [InlineData("-2147483648", typeof(int))]
    [InlineData("2147483648", typeof(long))]
    [InlineData("1.0", typeof(double))]
    [InlineData("1e3", typeof(double))]
    [InlineData("99999999999999999999", typeof(double))]
    [InlineData("\"s\"", typeof(string))]
    [InlineData("true", typeof(bool))]
    [InlineData("{}", typeof(VtlMap))]
    [InlineData("[]", typeof(VtlList))]
    public void FromJson_Numbers_ParseAsJava(string json, Type expected)
    {
        Assert.IsType(expected, Parse(json));
    }

    [Fact]
    public void FromJson_Object_KeepsOrderAndStyles()
    {
        var map = Assert.IsType<VtlMap>(Parse("{\"z\": 1, \"a\": [1, {\"k\": null}]}"));
        Assert.Equal(["z", "a"], map.Keys);
        Assert.Equal(VtlRenderStyle.Java, map.Style);
        Assert.Equal(VtlRenderStyle.Json, Assert.IsType<VtlList>(map["a"]).Style);
        Assert.Null(Assert.IsType<VtlMap>(((VtlList)map["a"]!)[1])["k"]);
    }

    [Fact]
    public void ToJson_Values_AreCompactJsonWithJavaNumbers()
    {
        var value = new VtlMap
        {
            ["s"] = "q\"\\\n\u0001/é",
            ["i"] = 1,
            ["l"] = 3_000_000_000L,
            ["d"] = 2.0,
            ["b"] = false,
            ["n"] = null,
            ["list"] = new VtlList { 1, "x" },
        };
        Assert.Equal("{\"s\":\"q\\\"\\\\\\n\\u0001/é\",\"i\":1,\"l\":3000000000,\"d\":2.0,\"b\":false,\"n\":null,\"list\":[1,\"x\"]}", VtlJson.ToJson(value));
    }

    [Fact]
    public void ToJson_CyclicValue_ThrowsInvalidOperation()
    {
        var list = new VtlList();
        list.Add(list);
        Assert.Throws<InvalidOperationException>(() => VtlJson.ToJson(list));
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.5, "0.5")]
    [InlineData(100.25, "100.25")]
    [InlineData(1234567.0, "1234567.0")]
    [InlineData(12345678.9, "1.23456789E7")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(1.2345e-5, "1.2345E-5")]
    [InlineData(1e21, "1.0E21")]
    [InlineData(-2.5e10, "-2.5E10")]
    [InlineData(0.0, "0.0")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void Render_Double_MatchesJavaDoubleToString(double value, string expected)
    {
        var output = VtlTemplate.Parse("$d", "t").Template!.Render(new VtlScope().Set("d", value), VtlLimits.Default).Output;
        Assert.Equal(expected, output);
    }
}
