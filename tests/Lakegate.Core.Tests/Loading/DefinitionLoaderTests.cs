using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;

namespace Lakegate.Core.Tests.Loading;

public class DefinitionLoaderTests
{
    [Fact]
    public void Load_MissingFile_IsADiagnosticNotAnException()
    {
        var path = Path.Combine(Path.GetTempPath(), "lakegate-does-not-exist", "lakegate.yaml");

        var result = DefinitionLoader.Load(path);

        Assert.Null(result.Config);
        Assert.True(result.HasErrors);
        Assert.Equal($"{path}:1:1: {path}: file not found", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Load_Directory_IsADiagnosticNotAnException()
    {
        var result = DefinitionLoader.Load(Path.GetTempPath());

        Assert.True(result.HasErrors);
        Assert.Null(result.Config);
    }

    [Fact]
    public void LoadText_JsonConfig_ReportsEveryErrorWithLineAndColumn()
    {
        var json = """
            {
              "version": 1,
              "apis": [
                { "id": "a", "routes": [ { "route": "GET /x", "integration": { "type": "http_proxy", "uri": "http://b/", "timeoutInMillis": "5s" } } ],
                  "stages": [ { "name": "prod", "variables": { "v": 1 }, "canary": { "percentTraffic": true } } ] }
              ],
              "domains": [ { "name": "x.test", "mapings": [] } ]
            }
            """;

        var result = DefinitionLoader.LoadText(json, "lakegate.json");

        Assert.Equal(
            [
                "lakegate.json:4:129: apis[0].routes[0].integration.timeoutInMillis: expected an integer",
                "lakegate.json:5:92: apis[0].stages[0].canary.percentTraffic: expected a number",
                "lakegate.json:7:36: domains[0]: unknown key 'mapings'",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void LoadText_JsonConfigWithoutErrors_ReturnsConfig()
    {
        var result = DefinitionLoader.LoadText("""{"version": 1, "apis": [{"id": "a", "routes": [{"route": "GET /x", "integration": {"type": "HTTP_PROXY", "uri": "http://b/x"}}]}]}""", "l.json");

        Assert.False(result.HasErrors);
        Assert.Equal(new SourcePosition("l.json", 1, 58), result.Config!.Apis[0].Routes[0].Position);
    }

    [Theory]
    [InlineData("openapi: 3.0.1\ninfo: {title: t}\npaths: {}\n", true)]
    [InlineData("{\"paths\": {}, \"swagger\": \"2.0\"}", true)]
    [InlineData("version: 1\n", false)]
    public void IsOpenApi_RootKey_DecidesTheFormat(string text, bool expected)
    {
        var root = SourceReader.Read(text, "f", [])!;

        Assert.Equal(expected, DefinitionLoader.IsOpenApi(root));
    }

    [Fact]
    public void LoadText_OpenApiWithOptions_UsesApiIdAndStage()
    {
        var result = DefinitionLoader.LoadText(
            "openapi: 3.0.1\ninfo: {title: Some Title}\npaths:\n  /x:\n    get:\n      x-amazon-apigateway-integration: {type: http_proxy, uri: 'http://b/x'}\n",
            "api.yaml",
            new LoadOptions { ApiId = "mine", StageName = "beta" });

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        Assert.Equal("mine", result.Config!.Apis[0].Id);
        Assert.Equal(ApiKind.Rest, result.Config.Apis[0].Kind);
        Assert.Equal(("mine", "beta"), (result.Config.Stages[0].ApiId, result.Config.Stages[0].Name));
    }

    [Fact]
    public void LoadText_WarningsOnly_StillReturnsConfig()
    {
        var result = DefinitionLoader.LoadText("version: 1\napis:\n  - id: a\n    routes:\n      - route: GET /x\n        integration: {type: sql, query: q}\n", "l.yaml");

        Assert.False(result.HasErrors);
        Assert.NotNull(result.Config);
        Assert.Equal("l.yaml:6:22: warning: api a: route GET /x: integration: query 'q' is not declared in this definition; the serving node must declare it, else requests get 500", Assert.Single(result.Warnings).ToString());
    }

    [Fact]
    public void LoadText_EmptyDocument_IsAnError()
    {
        var result = DefinitionLoader.LoadText("", "l.yaml");

        Assert.Equal("l.yaml:1:1: the document is empty", Assert.Single(result.Errors).ToString());
    }
}
