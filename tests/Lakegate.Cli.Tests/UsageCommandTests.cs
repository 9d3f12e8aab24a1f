using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Sqlite;

namespace Lakegate.Cli.Tests;

/// <summary><c>lakegate usage</c>: GetUsage from the store, and keys stored hashed by <c>deploy</c>.</summary>
public sealed class UsageCommandTests : IDisposable
{
    private const string Definition = """
        version: 1
        apis:
          - id: shop
            routes:
              - route: GET /items
                apiKeyRequired: true
                integration: { type: http_proxy, uri: http://127.0.0.1:9/items }
            stages: [{ name: prod }]
        apiKeys:
          - { name: k1, value: cli-secret-value-0123456789 }
        usagePlans:
          - name: gold
            apiStages: [{ api: shop, stage: prod }]
            quota: { limit: 100, period: MONTH }
            keys: [k1]
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lakegate-cli-usage-" + Guid.NewGuid().ToString("N"));

    public UsageCommandTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Usage_AfterDeployAndTraffic_PrintsGetUsageJson_AndNeverStoresKeyValues()
    {
        var file = Path.Combine(_directory, "lakegate.db");
        var config = Path.Combine(_directory, "lakegate.yaml");
        await File.WriteAllTextAsync(config, Definition);
        Assert.Equal(0, (await CliRun.RunAsync("deploy", "--config", config, "--store", "sqlite:" + file)).ExitCode);
        await using (var store = new SqliteDefinitionStore(file))
        {
            await store.AddUsageAsync([new UsageRecord("gold", "k1", new DateOnly(2026, 3, 1), 7), new UsageRecord("gold", "k1", new DateOnly(2026, 3, 3), 2)], CancellationToken.None);
        }

        var (exit, output, _) = await CliRun.RunAsync("usage", "--plan", "gold", "--from", "2026-03-02", "--to", "2026-03-03", "--store", "sqlite:" + file);
        var (badExit, _, badError) = await CliRun.RunAsync("usage", "--plan", "gold", "--from", "2026-03-04", "--to", "2026-03-03", "--store", "sqlite:" + file);
        var (unknownExit, _, _) = await CliRun.RunAsync("usage", "--plan", "nope", "--from", "2026-03-01", "--to", "2026-03-03", "--store", "sqlite:" + file);

        Assert.Equal(0, exit);
        Assert.Equal("{\"usagePlanId\":\"gold\",\"startDate\":\"2026-03-02\",\"endDate\":\"2026-03-03\",\"values\":{\"k1\":[[0,93],[2,91]]}}", output.Trim());
        Assert.Equal(2, badExit);
        Assert.Contains("--to must be on or after --from", badError, StringComparison.Ordinal);
        Assert.Equal(1, unknownExit);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var part in Directory.GetFiles(_directory, "lakegate.db*"))
        {
            Assert.DoesNotContain("cli-secret-value", System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(part)), StringComparison.Ordinal);
        }

        // The hash is there (so the check above looked at the right bytes).
        var hash = Lakegate.Gateway.Steps.ApiKey.ApiKeyHash.Compute("cli-secret-value-0123456789");
        Assert.Contains(Directory.GetFiles(_directory, "lakegate.db*"), part => System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(part)).Contains(hash, StringComparison.Ordinal));
    }
}
