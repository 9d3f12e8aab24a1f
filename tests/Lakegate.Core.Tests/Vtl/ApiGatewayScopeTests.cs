using System.Text.Json;
using Lakegate.Core.Vtl;
using Lakegate.Core.Vtl.ApiGateway;
using static Lakegate.Core.Tests.Vtl.VtlTestHelpers;

namespace Lakegate.Core.Tests.Vtl;

public sealed class ApiGatewayScopeTests
{
    private const string PassThroughTemplate = """
        ##  The console's "Method Request passthrough" template
        #set($allParams = $input.params())
        {
        "body-json" : $input.json('$'),
        "params" : {
        #foreach($type in $allParams.keySet())
            #set($params = $allParams.get($type))
        "$type" : {
            #foreach($paramName in $params.keySet())
            "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
                #if($foreach.hasNext),#end
            #end
        }
            #if($foreach.hasNext),#end
        #end
        },
        "headers": {
        #foreach($name in $input.params().header.keySet())
          "$name": "$util.escapeJavaScript($input.params().header.get($name))"#if($foreach.hasNext),#end
        #end
        },
        "stage-variables" : {
        #foreach($key in $stageVariables.keySet())
        "$key" : "$util.escapeJavaScript($stageVariables.get($key))"
            #if($foreach.hasNext),#end
        #end
        },
        "context" : {
            "http-method" : "$context.httpMethod",
            "source-ip" : "$context.identity.sourceIp",
            "user-agent" : "$context.identity.userAgent",
            "stage" : "$context.stage",
            "missing" : "$!context.identity.caller"
            }
        }
        """;

    private static ApiGatewayRequest Request(string? body = null, Dictionary<string, string>? headers = null) => new(
        body,
        new Dictionary<string, string> { ["id"] = "42" },
        new Dictionary<string, string> { ["q"] = "a b", ["id"] = "query-id" },
        headers ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Accept"] = "application/json",
            ["X-Quote"] = "say \"hi\" / back\\slash",
        },
        new Dictionary<string, IReadOnlyList<string>>(),
        new Dictionary<string, IReadOnlyList<string>>());

    private static VtlScope Scope(ApiGatewayRequest request, FakeContext? context = null) =>
        ApiGatewayScope.Create(request, context ?? new FakeContext(), new Dictionary<string, string> { ["env"] = "test", ["url"] = "https://x/y" });

    private static string RenderRequest(string template, string? body = null, FakeContext? context = null) =>
        Render(template, Scope(Request(body), context));

    [Fact]
    public void Render_PassThroughTemplate_ProducesValidJson()
    {
        var output = RenderRequest(PassThroughTemplate, "{\"pet\": {\"name\": \"Rex\", \"tags\": [\"a\", \"b/c\"]}, \"n\": 1.50}");
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal("Rex", root.GetProperty("body-json").GetProperty("pet").GetProperty("name").GetString());
        Assert.Equal("b/c", root.GetProperty("body-json").GetProperty("pet").GetProperty("tags")[1].GetString());
        Assert.Equal(1.5, root.GetProperty("body-json").GetProperty("n").GetDouble());
        Assert.Equal("42", root.GetProperty("params").GetProperty("path").GetProperty("id").GetString());
        Assert.Equal("a b", root.GetProperty("params").GetProperty("querystring").GetProperty("q").GetString());
        Assert.Equal("say \"hi\" / back\\slash", root.GetProperty("headers").GetProperty("X-Quote").GetString());
        Assert.Equal("https://x/y", root.GetProperty("stage-variables").GetProperty("url").GetString());
        Assert.Equal("203.0.113.9", root.GetProperty("context").GetProperty("source-ip").GetString());
        Assert.Equal("POST", root.GetProperty("context").GetProperty("http-method").GetString());
        Assert.Equal(string.Empty, root.GetProperty("context").GetProperty("missing").GetString());
    }

    [Fact]
    public void Render_EscapeJavaScriptThenReplaceAll_UnescapesSingleQuotes()
    {
        var scope = Scope(Request()).Set("v", "it's \"q\"");
        Assert.Equal("it\\'s \\\"q\\\"", Render("$util.escapeJavaScript($v)", scope));
        Assert.Equal("it's \\\"q\\\"", Render("$util.escapeJavaScript($v).replaceAll(\"\\\\'\",\"'\")", scope));
    }

    [Theory]
    [InlineData("$input.json('$.a')", "\"x\"")]
    [InlineData("$input.path('$.a')", "x")]
    [InlineData("$input.json('$.n')", "1")]
    [InlineData("$input.json('$.o')", "{\"k\":[1,2.5,true,null]}")]
    [InlineData("$input.path('$.o')", "{k=[1,2.5,true,null]}")]
    [InlineData("$input.path('$.o.k')", "[1,2.5,true,null]")]
    [InlineData("$input.path('$.o.k').size()", "4")]
    [InlineData("$input.path('$.o.k')[1]", "2.5")]
    [InlineData("$input.path('$').a", "x")]
    [InlineData("$input.path('$.list[*].id')", "[1,2,3]")]
    [InlineData("$input.json('$.list[0]')", "{\"id\":1,\"t\":\"p\"}")]
    [InlineData("$input.json('$.list[-1].id')", "3")]
    [InlineData("$input.json('$.list[0:2].id')", "[1,2]")]
    [InlineData("$input.json('$..id')", "[1,2,3]")]
    [InlineData("$input.json(\"$['o']['k'][0]\")", "1")]
    [InlineData("$input.json(\"$.list[?(@.t == 'q')].id\")", "[2,3]")]
    [InlineData("$input.json('$.list[?(@.id > 1)].id')", "[2,3]")]
    [InlineData("$input.json('$.missing')", "null")]
    [InlineData("$input.path('$.missing')", "$input.path('$.missing')")]
    [InlineData("$input.json('$.u')", "\"café \\\"q\\\" \\\\ /\"")]
    [InlineData("#foreach($i in $input.path('$.list'))$i.id#end", "123")]
    public void Render_InputJsonAndPath_FollowJayway(string template, string expected)
    {
        const string body = "{\"a\":\"x\",\"n\":1,\"o\":{\"k\":[1,2.5,true,null]},\"list\":[{\"id\":1,\"t\":\"p\"},{\"id\":2,\"t\":\"q\"},{\"id\":3,\"t\":\"q\"}],\"u\":\"caf\\u00E9 \\\"q\\\" \\\\ /\"}";
        Assert.Equal(expected, RenderRequest(template, body));
    }

    [Theory]
    [InlineData(null, "$input.body|$input.json('$')|$input.path('$').size()", "{}|{}|0")]
    [InlineData("", "$input.body", "{}")]
    [InlineData("a=1&b=two", "$input.body|$input.path('$')|$input.json('$')|$input.json('$.a')", "a=1&b=two|a=1&b=two|\"a=1&b=two\"|null")]
    public void Render_EmptyOrNonJsonBody_BehavesAsAws(string? body, string template, string expected)
    {
        Assert.Equal(expected, RenderRequest(template, body));
    }

    [Theory]
    [InlineData("$input.params('id')", "42")]
    [InlineData("$input.params('q')", "a b")]
    [InlineData("$input.params('accept')", "application/json")]
    [InlineData("[$input.params('nope')]", "[]")]
    [InlineData("$input.params().path", "{id=42}")]
    [InlineData("$input.params().get('querystring').get('q')", "a b")]
    [InlineData("$input.params().header.Accept", "application/json")]
    [InlineData("$input.params().keySet()", "[path, querystring, header]")]
    public void Render_InputParams_SearchPathQueryHeader(string template, string expected)
    {
        Assert.Equal(expected, RenderRequest(template));
    }

    [Theory]
    [InlineData("$util.urlEncode('a b&c=d/é~*')", "a+b%26c%3Dd%2F%C3%A9%7E*")]
    [InlineData("$util.urlDecode('a+b%26c%3Dd%2F%C3%A9')", "a b&c=d/é")]
    [InlineData("$util.base64Encode('héllo')", "aMOpbGxv")]
    [InlineData("$util.base64Decode('aMOpbGxv')", "héllo")]
    [InlineData("$util.escapeJavaScript(\"a/b\te\u0001\u00e9\")", "a\\/b\\te\\u0001\\u00E9")]
    [InlineData("$util.parseJson('{\"a\":{\"b\":[1,{\"c\":\"d\"}]}}')", "{\"a\":{\"b\":[1,{\"c\":\"d\"}]}}")]
    [InlineData("$util.parseJson('[{\"val\": 0}, {\"val\": 2}]')", "[{\"val\":0},{\"val\":2}]")]
    [InlineData("$util.parseJson('{\"a\":{\"b\":[1,{\"c\":\"d\"}]}}').a.b[1].c", "d")]
    [InlineData("#set($p = $util.parseJson('{\"s\":\"x\"}'))$p.s $p.get('s')", "x x")]
    public void Render_Util_MatchesJavaHelpers(string template, string expected)
    {
        Assert.Equal(expected, RenderRequest(template));
    }

    [Fact]
    public void Render_UrlEncode_DiffersFromEncodeUri()
    {
        var encoded = RenderRequest("$util.urlEncode('a b/c?d')");
        Assert.Equal("a+b%2Fc%3Fd", encoded);
        Assert.NotEqual(Uri.EscapeDataString("a b/c?d"), encoded);
    }

    [Fact]
    public void Render_ParseJsonOfInputJson_RoundTrips()
    {
        var output = RenderRequest("$util.parseJson($input.json('$.output'))", "{\"output\": \"{\\\"val\\\": [0, 2], \\\"s\\\": \\\"t\\\"}\"}");
        using var document = JsonDocument.Parse(output);
        Assert.Equal(2, document.RootElement.GetProperty("val")[1].GetInt32());
    }

    [Theory]
    [InlineData("$input.json('$[')")]
    [InlineData("$input.path('$.a[x]')")]
    [InlineData("$input.json(\"$[?(@.a == nope)]\")")]
    public void Render_InvalidJsonPath_FailsRender(string template)
    {
        var result = Compile(template).Render(Scope(Request("{\"a\": 1}")), VtlLimits.Default);
        Assert.NotNull(result.Error);
        Assert.Contains("JSONPath", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_InvalidParseJson_FailsRender()
    {
        var result = Compile("ok\n$util.parseJson('{nope')").Render(Scope(Request()), VtlLimits.Default);
        Assert.Equal(2, result.Error!.Line);
        Assert.Equal("ok\n", result.Output);
    }

    [Fact]
    public void Render_ResponseOverride_GoesThroughTrySetProperty()
    {
        var context = new FakeContext();
        var output = RenderRequest("#set($context.responseOverride.status = 400)#set($context.responseOverride.status = 500)#set($context.responseOverride.header.X-Trace = \"t-$context.requestId\")$context.responseOverride.status", context: context);
        Assert.Equal("400", output);
        Assert.Equal(400, context.ResponseOverride.Status);
        Assert.Equal("t-req-1", context.ResponseOverride.Header["X-Trace"]);
    }

    [Fact]
    public void Render_ContextIsReadOnly_SetIsIgnored()
    {
        Assert.Equal("prod", RenderRequest("#set($context.stage = 'x')$context.stage"));
    }

    [Fact]
    public void Render_StageVariables_AllSyntaxes()
    {
        Assert.Equal("test test test", RenderRequest("$stageVariables.env $stageVariables['env'] ${stageVariables['env']}"));
    }
}
