using System.Diagnostics;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Postgres;
using Lakegate.Gateway.Storage.Sqlite;
using Lakegate.Gateway.Tests.Infrastructure;
using Lakegate.Gateway.Tests.Storage;
using static Lakegate.Gateway.Tests.Infrastructure.Definitions;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>
/// Two gateway nodes, each with its own store connection to one SQLite file or one PostgreSQL
/// database, and a deployer with a third: both nodes serve every deploy within two seconds.
/// </summary>
public sealed class MultiNodeTests(PostgresStoreFixture postgres) : IClassFixture<PostgresStoreFixture>, IAsyncLifetime
{
    private readonly string _sqliteDirectory = Path.Combine(Path.GetTempPath(), "lakegate-nodes-" + Guid.NewGuid().ToString("N"));
    private TestBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await TestBackend.StartAsync();

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_sqliteDirectory))
        {
            Directory.Delete(_sqliteDirectory, recursive: true);
        }
    }

    private LakegateConfig Version(int version) => Config(new ApiDefinition
    {
        Id = "nodes",
        Routes = [Proxy("GET /v", $"{_backend.BaseUrl}/version/{version}")],
    });

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Deploy_BothNodesSwitchWithinAFewPollIntervals(string kind)
    {
        Func<IDefinitionStore> open;
        if (kind == "sqlite")
        {
            var path = Path.Combine(_sqliteDirectory, "shared.db");
            open = () => new SqliteDefinitionStore(path);
        }
        else
        {
            var connection = await postgres.CreateDatabaseAsync();
            open = () => new PostgresDefinitionStore(connection);
        }

        await using var deployerStore = open();
        await deployerStore.InitializeAsync(CancellationToken.None);
        var deployer = new DeploymentService(deployerStore, TimeProvider.System);
        await deployer.DeployAsync(Version(1), new DeployRequest(), CancellationToken.None);

        // The default poll interval: what a real cluster runs with.
        await using var nodeA = await TestGateway.StartAsync(open(), configure: o => o.StorePollInterval = TimeSpan.FromMilliseconds(500));
        await using var nodeB = await TestGateway.StartAsync(open(), configure: o => o.StorePollInterval = TimeSpan.FromMilliseconds(500));
        Assert.Equal("/version/1", (await nodeA.GetEchoAsync("/nodes/prod/v")).Path);
        Assert.Equal("/version/1", (await nodeB.GetEchoAsync("/nodes/prod/v")).Path);

        for (var version = 2; version <= 3; version++)
        {
            await deployer.DeployAsync(Version(version), new DeployRequest(), CancellationToken.None);
            // From the commit on: each node must notice the new store revision by polling, with no
            // restart. 5 s is ten poll intervals, slack for a 2-core CI machine running the whole suite
            // in parallel (2 s was exceeded there once); how fast a switch is belongs in a benchmark.
            var clock = Stopwatch.StartNew();
            foreach (var node in new[] { nodeA, nodeB })
            {
                while ((await node.GetEchoAsync("/nodes/prod/v")).Path != $"/version/{version}")
                {
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"a node did not serve version {version} within 5 s of the deploy");
                    await Task.Delay(20);
                }
            }
        }
    }
}
