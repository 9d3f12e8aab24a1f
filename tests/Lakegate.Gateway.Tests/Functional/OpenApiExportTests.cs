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
    public async Task RestExport_WithMockAndLambdaRoutes_DeploysWhole_AndNamesWhatIsNotServedYet()
    {
        var config = Import("swagger-mock-cors.json", "cors");
        await Gateway.DeployAsync(config);
        var stage = Assert.Single(config.Stages).Name;
        var route = config.Apis[0].Routes.First(r => r.Integration.Type == IntegrationType.Mock);

        var path = route.Path.Replace("{", "x", StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal).Replace("+", string.Empty, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method == "ANY" ? "GET" : route.Method), $"/cors/{stage}{path}");
        using var response = await Gateway.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("MOCK integrations", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
