using System.Text.Json;
using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;

namespace Lakegate.Core.Tests.Loading;

public class SourceReaderTests
{
    [Fact]
    public void Read_Yaml_PositionsAreOneBasedLineAndColumn()
    {
        var diagnostics = new List<Diagnostic>();
        var root = (SourceMap)SourceReader.Read("a: 1\nb:\n  - x\n  - {c: \"d\"}\n", "f.yaml", diagnostics)!;

        Assert.Empty(diagnostics);
        Assert.Equal(new SourcePosition("f.yaml", 1, 1), root.Entries[0].KeyPosition);
        Assert.Equal(new SourcePosition("f.yaml", 1, 4), root["a"]!.Position);
        var list = (SourceSequence)root["b"]!;
        Assert.Equal(new SourcePosition("f.yaml", 3, 5), list.Items[0].Position);
        var inner = (SourceMap)list.Items[1];
        Assert.Equal(new SourcePosition("f.yaml", 4, 6), inner.Entries[0].KeyPosition);
        Assert.Equal(new SourcePosition("f.yaml", 4, 9), inner["c"]!.Position);
        Assert.True(((SourceScalar)inner["c"]!).IsQuoted);
    }

    [Fact]
    public void Read_Json_PositionsCountCharactersNotBytes()
    {
        var diagnostics = new List<Diagnostic>();
        var root = (SourceMap)SourceReader.Read("{\n  \"é\": \"ü\", \"n\": 12,\n  \"list\": [true, null]\n}", "f.json", diagnostics)!;

        Assert.Empty(diagnostics);
        Assert.Equal(new SourcePosition("f.json", 2, 3), root.Entries[0].KeyPosition);
        Assert.Equal(new SourcePosition("f.json", 2, 8), root["é"]!.Position);
        Assert.Equal(new SourcePosition("f.json", 2, 13), root.Entries[1].KeyPosition);
        Assert.Equal(new SourcePosition("f.json", 3, 18), ((SourceSequence)root["list"]!).Items[1].Position);
    }

    [Fact]
    public void Read_JsonWithBom_ColumnsStartAfterBom()
    {
        var diagnostics = new List<Diagnostic>();
        var root = (SourceMap)SourceReader.Read("\uFEFF{\"a\": 1}", "f.txt", diagnostics)!;

        Assert.Empty(diagnostics);
        Assert.Equal(new SourcePosition("f.txt", 1, 2), root.Entries[0].KeyPosition);
    }

    [Fact]
    public void Read_JsonSyntaxError_ReportsLineAndColumn()
    {
        var diagnostics = new List<Diagnostic>();
        var root = SourceReader.Read("{\n  \"a\": 1,\n  \"b\" 2\n}", "bad.json", diagnostics);

        Assert.Null(root);
        var error = Assert.Single(diagnostics);
        Assert.Equal(new SourcePosition("bad.json", 3, 7), error.Position);
        Assert.StartsWith("invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_YamlSyntaxError_ReportsPositionInsteadOfThrowing()
    {
        var diagnostics = new List<Diagnostic>();
        var root = SourceReader.Read("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml", diagnostics);

        Assert.Null(root);
        var error = Assert.Single(diagnostics);
        Assert.Equal("bad.yaml", error.Position!.Value.File);
        Assert.True(error.Position.Value.Line >= 2);
        Assert.StartsWith("invalid YAML", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: 1\na: 2\n", "f.yaml", 2, 1)]
    [InlineData("{\"a\": 1,\n \"a\": 2}", "f.json", 2, 2)]
    public void Read_DuplicateKey_IsAnError(string text, string file, int line, int column)
    {
        var diagnostics = new List<Diagnostic>();
        SourceReader.Read(text, file, diagnostics);

        var error = Assert.Single(diagnostics);
        Assert.Equal(new SourcePosition(file, line, column), error.Position);
        Assert.Equal("duplicate key 'a'", error.Message);
    }

    [Fact]
    public void Read_YamlAnchorsAndMerge_AreResolved()
    {
        var diagnostics = new List<Diagnostic>();
        var root = (SourceMap)SourceReader.Read("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n", "f.yaml", diagnostics)!;

        Assert.Empty(diagnostics);
        var use = (SourceMap)root["use"]!;
        Assert.Equal("1", ((SourceScalar)use["x"]!).Value);
        Assert.Equal("3", ((SourceScalar)use["y"]!).Value);
    }

    [Fact]
    public void ToJsonElement_YamlScalars_FollowCoreSchemaUnlessQuoted()
    {
        var diagnostics = new List<Diagnostic>();
        var root = SourceReader.Read("a: true\nb: 'true'\nc: 12\nd: \"12\"\ne: 1.5\nf: null\ng: ~\nh: text\ni: 1.0\n", "f.yaml", diagnostics)!;

        var json = SourceJson.ToJsonElement(root);

        Assert.Equal("""{"a":true,"b":"true","c":12,"d":"12","e":1.5,"f":null,"g":null,"h":"text","i":1.0}""", json.GetRawText());
    }

    [Fact]
    public void ToJsonElement_Json_KeepsJsonTypes()
    {
        var diagnostics = new List<Diagnostic>();
        var root = SourceReader.Read("{\"a\": \"true\", \"b\": 1.0, \"c\": [null, false]}", "f.json", diagnostics)!;

        var json = SourceJson.ToJsonElement(root);

        Assert.Equal(JsonValueKind.String, json.GetProperty("a").ValueKind);
        Assert.Equal("1.0", json.GetProperty("b").GetRawText());
        Assert.Equal("""[null,false]""", json.GetProperty("c").GetRawText());
    }
}
