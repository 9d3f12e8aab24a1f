using Lakegate.Core.Loading;

namespace Lakegate.Gateway.Tests.Functions.Conformance;

/// <summary>
/// One real gateway serving tests/conformance/functions/lakegate.yaml, loaded by the real loader: its
/// functions run under aws-lambda-ric (installed by <c>npm ci --prefix tests/conformance/functions</c>,
/// which scripts/test runs). Without the package every test fails: a conformance suite that never ran
/// must not look green.
/// </summary>
public sealed class ConformanceGatewayFixture : IAsyncLifetime
{
    private FunctionGateway? _gateway;

    public FunctionGateway Gateway => _gateway ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public static string SuiteDirectory => Path.Combine(RepositoryRoot(), "tests", "conformance", "functions");

    public async Task InitializeAsync() => _gateway = await StartGatewayAsync();

    /// <summary>A new gateway serving the suite's lakegate.yaml (its functions and every api), deployed and listening.</summary>
    public static async Task<FunctionGateway> StartGatewayAsync()
    {
        var suite = SuiteDirectory;
        if (!File.Exists(Path.Combine(suite, "node_modules", "aws-lambda-ric", "dist", "rapid-client.node")))
        {
            throw new InvalidOperationException(
                $"aws-lambda-ric is not built in {suite}: run ./scripts/test, which installs autoconf/automake/libtool and runs 'npm ci --prefix tests/conformance/functions'.");
        }

        var loaded = DefinitionLoader.Load(Path.Combine(suite, "lakegate.yaml"));
        Assert.False(loaded.HasErrors, string.Join('\n', loaded.Errors.Select(e => e.ToString())));
        var config = loaded.Config!;
        var gateway = await FunctionGateway.StartAsync(config.Functions);
        await gateway.DeployAsync(config);
        return gateway;
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lakegate.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Lakegate.slnx not found above " + AppContext.BaseDirectory);
    }
}
