using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;

namespace Lakegate.Core.Tests.Loading;

public class FunctionLoadingTests
{
    private const string Example = """
        version: 1
        functions:
          - name: items
            command: [node, node_modules/aws-lambda-ric/bin/index.mjs, index.handler]
            handler: index.handler
            workingDirectory: fn/items
            environment: { TABLE: items, DEBUG: 1 }
            timeoutSeconds: 10
            memoryMb: 256
            maxConcurrency: 4
            minWarm: 1
          - name: remote
            url: http://127.0.0.1:9000/invoke
        apis:
          - id: shop
            routes:
              - route: GET /items
                integration: { type: aws_proxy, function: items }
              - route: GET /remote
                integration:
                  type: AWS_PROXY
                  httpMethod: POST
                  uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:remote:live/invocations
            stages: [{ name: prod }]
        """;

    [Fact]
    public void Load_Functions_BindsEveryFieldWithDefaults()
    {
        var result = DefinitionLoader.LoadText(Example, "/srv/app/lakegate.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        var functions = result.Config!.Functions;
        Assert.Equal(2, functions.Count);
        var items = functions[0];
        Assert.Equal("items", items.Name);
        Assert.Equal(["node", "node_modules/aws-lambda-ric/bin/index.mjs", "index.handler"], items.Command);
        Assert.Equal("index.handler", items.Handler);
        Assert.Equal(Path.GetFullPath("/srv/app/fn/items"), items.WorkingDirectory);
        Assert.Equal("1", items.Environment["DEBUG"]);
        Assert.Equal((10, 256, 4, 1), (items.TimeoutSeconds, items.MemoryMb, items.MaxConcurrency, items.MinWarm));
        Assert.Equal(new SourcePosition("/srv/app/lakegate.yaml", 3, 5), items.Position);

        var remote = functions[1];
        Assert.Equal("http://127.0.0.1:9000/invoke", remote.Url);
        Assert.Empty(remote.Command);
        Assert.Equal((3, 128, 10, 0), (remote.TimeoutSeconds, remote.MemoryMb, remote.MaxConcurrency, remote.MinWarm));
    }

    [Theory]
    [InlineData("{ name: f, command: [x], url: http://h/ }", "give only one of 'command' or 'url'")]
    [InlineData("{ name: f }", "needs exactly one of 'command'")]
    [InlineData("{ name: f, command: [] }", "functions[0].command: must name an executable")]
    [InlineData("{ name: f, command: [x], timeout: 3 }", "unknown key 'timeout'")]
    [InlineData("{ name: f, command: [x], timeoutSeconds: 901 }", "timeoutSeconds 901 must be within 1..900")]
    [InlineData("{ name: f, command: [x], timeoutSeconds: 0 }", "timeoutSeconds 0 must be within 1..900")]
    [InlineData("{ name: f, command: [x], maxConcurrency: 0 }", "maxConcurrency 0 must be within")]
    [InlineData("{ name: f, command: [x], maxConcurrency: 2, minWarm: 3 }", "minWarm 3 must be within 0..maxConcurrency (2)")]
    [InlineData("{ name: 'bad name', command: [x] }", "name must match")]
    [InlineData("{ name: f, url: 'ftp://h/' }", "must be an absolute http:// or https:// URL")]
    [InlineData("{ name: f, command: [x], timeoutSeconds: '3' }", "timeoutSeconds: expected an integer")]
    public void Load_InvalidFunction_IsAnErrorWithPosition(string function, string expected)
    {
        var yaml = $"version: 1\nfunctions:\n  - {function}\n";

        var result = DefinitionLoader.LoadText(yaml, "lakegate.yaml");

        Assert.Null(result.Config);
        var error = Assert.Single(result.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
        Assert.Equal("lakegate.yaml", error.Position!.Value.File);
        Assert.Equal(3, error.Position.Value.Line);
    }

    [Fact]
    public void Load_DuplicateFunctionName_IsAnError()
    {
        var yaml = "version: 1\nfunctions:\n  - { name: f, command: [x] }\n  - { name: f, url: 'http://h/' }\n";

        var result = DefinitionLoader.LoadText(yaml, "lakegate.yaml");

        Assert.Contains(result.Errors, e => e.Message == "function f is declared more than once" && e.Position!.Value.Line == 4);
    }

    [Theory]
    [InlineData("{ type: aws_proxy, function: nope }", "function 'nope' is not declared under functions:")]
    [InlineData("{ type: aws_proxy, uri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:nope/invocations' }", "function 'nope' is not declared")]
    [InlineData("{ type: aws_proxy }", "aws_proxy needs 'function: NAME' or a Lambda invocation uri")]
    [InlineData("{ type: aws_proxy, function: [f] }", "function must be the name of a declared function")]
    public void Load_RouteNamingAnUndeclaredFunction_IsAnError(string integration, string expected)
    {
        var yaml = $"version: 1\nfunctions:\n  - {{ name: f, command: [x] }}\napis:\n  - id: a\n    routes:\n      - route: GET /x\n        integration: {integration}\n";

        var result = DefinitionLoader.LoadText(yaml, "lakegate.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(8, error.Position!.Value.Line);
    }

    [Fact]
    public void Load_LambdaUriWithoutAnyFunctions_OnlyWarns()
    {
        // OpenAPI exports cannot declare functions; the rest of such an API must still deploy.
        var yaml = "version: 1\napis:\n  - id: a\n    routes:\n      - route: GET /x\n        integration: { type: aws_proxy, uri: 'arn:aws:lambda:us-east-1:1:function:fn' }\n";

        var result = DefinitionLoader.LoadText(yaml, "lakegate.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        Assert.Contains(result.Warnings, w => w.Message.Contains("Lambda function 'fn' is not declared", StringComparison.Ordinal));
    }
}
