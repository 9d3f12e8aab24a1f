using System.Net;
using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;
using Lakegate.Gateway.Tests.Infrastructure;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>Real API Gateway exports (LocalStack's AWS-validated test files) imported unchanged and served.</summary>
public sealed class OpenApiExportTests : GatewayTestBase
{
    private static LakegateConfig Import(string fixture, string apiId)
    {
        var path = Path.Combine(RepositoryRoot(), "tests", "Lakegate.Core.Tests", "Loading", "Fixtures", fixture);
        var result = DefinitionLoader.Load(path, new LoadOptions { ApiId = apiId });
        Assert.False(result.HasErrors, string.Join('\n', result.Errors));
        return result.Config!;
    }

    [Fact]
    public async Task HttpApiExport_WithStageVariableUri_ProxiesWithTheIntegrationMethod()
    {
        var config = Import("openapi.spec.stage-variables.json", "example");
        var stage = Assert.Single(config.Stages);
        config = config with
        {
            Stages = [stage with { Variables = new Dictionary<string, string> { ["url"] = Backend.Authority + "/from-export" } }],
        };
        await Gateway.DeployAsync(config);

        using var response = await Gateway.Client.GetAsync("/example/path1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = System.Text.Json.JsonSerializer.Deserialize<Echo>(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("POST", echo.Method);
        Assert.Equal("/from-export", echo.Path);
    }

    [Fact]
    public async Task RestExport_CorsThroughOptionsMock_AnswersWhatTheDefinitionDeclares()
    {
        var config = Import("swagger-mock-cors.json", "cors");
        await Gateway.DeployAsync(config);
        var stage = Assert.Single(config.Stages).Name;

        using var preflight = await Gateway.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, $"/cors/{stage}/product/42"));
        Assert.Equal(HttpStatusCode.OK, preflight.StatusCode);
        Assert.Equal("http://localhost:8080", preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("OPTIONS,POST,GET", preflight.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("Content-Type", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.Equal("{}\n", await preflight.Content.ReadAsStringAsync());

        // The Lambda proxy route deploys with the rest; its function is not declared on this node, so the
        // invoke is refused as Lambda would refuse it (API Gateway answers 500).
        using var lambda = await Gateway.Client.GetAsync($"/cors/{stage}/product/42");
        Assert.Equal(HttpStatusCode.InternalServerError, lambda.StatusCode);
        Assert.Equal("{\"message\":\"Internal server error\"}", await lambda.Content.ReadAsStringAsync());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Lakegate.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Lakegate.slnx not found above the test directory");
    }
}
