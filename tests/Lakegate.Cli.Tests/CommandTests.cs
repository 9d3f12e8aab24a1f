using System.Text.RegularExpressions;
using Lakegate.Gateway.Storage.Sqlite;

namespace Lakegate.Cli.Tests;

/// <summary>The lakegate command's contracts: validate output and exit codes, deploy refusing bad definitions whole.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lakegate-cli-" + Guid.NewGuid().ToString("N"));

    public CommandTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Good = """
        version: 1
        apis:
          - id: shop
            routes:
              - route: GET /items/{id}
                integration:
                  type: http_proxy
                  uri: http://127.0.0.1:9/items/{id}
            stages:
              - name: prod
        """;

    private const string Bad = """
        version: 1
        apis:
          - id: shop
            routes:
              - route: GET /items/{id}
                integration:
                  type: http_proxy
                  uri: http://127.0.0.1:9/items/{id}
                  timeoutInMillis: soon
              - route: FETCH /x
                integration: { type: http_proxy, uri: http://127.0.0.1:9/x }
            stages:
              - name: prod
        """;

    [Fact]
    public async Task Validate_GoodFile_ExitsZero()
    {
        var (exit, _, error) = await CliRun.RunAsync("validate", Write("good.yaml", Good));
        Assert.Equal(0, exit);
        Assert.Contains("0 errors", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BadFile_PrintsEveryErrorWithFileLineColumn_AndExitsNonZero()
    {
        var path = Write("bad.yaml", Bad);
        var (exit, _, error) = await CliRun.RunAsync("validate", path);

        Assert.Equal(1, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var located = lines.Where(l => Regex.IsMatch(l, "^" + Regex.Escape(path) + @":\d+:\d+: ")).ToList();
        Assert.Contains(located, l => l.StartsWith(path + ":9:", StringComparison.Ordinal) && l.Contains("timeoutInMillis", StringComparison.Ordinal));
        Assert.Contains(located, l => l.StartsWith(path + ":10:", StringComparison.Ordinal) && l.Contains("FETCH", StringComparison.Ordinal));
        Assert.Contains("2 errors", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_SqlRouteWithAQueryTheFileDoesNotDeclare_IsAWarningNotAnError()
    {
        var path = Write("sql.yaml", Good.Replace("type: http_proxy", "type: sql\n          query: orders", StringComparison.Ordinal));
        var (exit, _, error) = await CliRun.RunAsync("validate", path);
        Assert.Equal(0, exit);
        Assert.Matches("warning: .*query 'orders' is not declared", error);
    }

    [Fact]
    public async Task Validate_MissingFile_SaysSo()
    {
        var (exit, _, error) = await CliRun.RunAsync("validate", Path.Combine(_directory, "nope.yaml"));
        Assert.Equal(1, exit);
        Assert.Contains("nope.yaml", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_BadDefinition_IsRefusedWhole_AndTheStageKeepsItsDeployment()
    {
        var store = "sqlite:" + Path.Combine(_directory, "store.db");
        var (first, output, _) = await CliRun.RunAsync("deploy", "--config", Write("good.yaml", Good), "--stage", "prod", "--store", store);
        Assert.Equal(0, first);
        Assert.Contains("shop/prod: deployed", output, StringComparison.Ordinal);

        await using var definitions = new SqliteDefinitionStore(store["sqlite:".Length..]);
        await definitions.InitializeAsync(CancellationToken.None);
        var revision = await definitions.GetRevisionAsync(CancellationToken.None);
        var stage = await definitions.GetStageAsync("shop", "prod", CancellationToken.None);

        var (second, _, error) = await CliRun.RunAsync("deploy", "--config", Write("bad.yaml", Bad), "--stage", "prod", "--store", store);
        Assert.Equal(1, second);
        Assert.Contains("refused", error, StringComparison.Ordinal);
        Assert.Equal(revision, await definitions.GetRevisionAsync(CancellationToken.None));
        Assert.Equal(stage!.DeploymentId, (await definitions.GetStageAsync("shop", "prod", CancellationToken.None))!.DeploymentId);
    }

    [Fact]
    public async Task Deploy_Canary_ThenPromote()
    {
        var store = "sqlite:" + Path.Combine(_directory, "canary.db");
        var v1 = Write("v1.yaml", Good);
        var v2 = Write("v2.yaml", Good.Replace("uri: http://127.0.0.1:9/items/{id}", "uri: http://127.0.0.1:9/v2/items/{id}", StringComparison.Ordinal));
        Assert.Equal(0, (await CliRun.RunAsync("deploy", "--config", v1, "--stage", "prod", "--store", store)).ExitCode);

        var (canaryExit, canaryOut, _) = await CliRun.RunAsync("deploy", "--config", v2, "--stage", "prod", "--canary", "10", "--store", store);
        Assert.Equal(0, canaryExit);
        Assert.Contains("canary at 10%", canaryOut, StringComparison.Ordinal);
        var (_, stages, _) = await CliRun.RunAsync("stages", "--store", store);
        Assert.Matches(@"shop/prod deployment=\w+ version=2 canary=\w+@10%", stages);

        var (promoteExit, _, _) = await CliRun.RunAsync("promote", "--api", "shop", "--stage", "prod", "--store", store);
        Assert.Equal(0, promoteExit);
        var (_, after, _) = await CliRun.RunAsync("stages", "--store", store);
        Assert.DoesNotContain("canary=", after, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deploy", "--stage", "prod")]
    [InlineData("deploy", "--config", "x.yaml", "--canary", "150")]
    [InlineData("serve")]
    public async Task BadArguments_ExitNonZeroWithAMessage(params string[] args)
    {
        var (exit, _, error) = await CliRun.RunAsync(args);
        Assert.NotEqual(0, exit);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public async Task Deploy_BadStoreSpec_NamesTheProblemWithoutThePassword()
    {
        var (exit, _, error) = await CliRun.RunAsync("deploy", "--config", Write("good.yaml", Good), "--store", "mysql://root:hunter2@db/x");
        Assert.NotEqual(0, exit);
        Assert.Contains("--store", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }
}
