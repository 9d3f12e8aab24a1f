using System.Net;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lakegate.Cli.Tests;

/// <summary>
/// <c>lakegate keys</c> and <c>lakegate usageplan</c> against a SQLite store that a running gateway
/// serves from: every change reaches the gateway without a restart, the value is printed once and
/// never stored.
/// </summary>
public sealed class KeysCommandTests : IAsyncLifetime
{
    private const string Definition = """
        version: 1
        apis:
          - id: shop
            routes:
              - route: GET /items
                apiKeyRequired: true
                integration:
                  type: mock
                  requestTemplates: { application/json: '{"statusCode": 200}' }
                  responses: [{ statusCode: 200 }]
            stages: [{ name: prod }]
        usagePlans:
          - name: gold
            apiStages: [{ api: shop, stage: prod }]
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lakegate-cli-keys-" + Guid.NewGuid().ToString("N"));
    private string _store = null!;
    private WebApplication _gateway = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "lakegate.db");
        _store = "sqlite:" + file;
        var config = Path.Combine(_directory, "lakegate.yaml");
        await File.WriteAllTextAsync(config, Definition);
        Assert.Equal(0, (await CliRun.RunAsync("deploy", "--config", config, "--store", _store)).ExitCode);
        _gateway = GatewayHost.Build(
            ["http://127.0.0.1:0"],
            options =>
            {
                options.StorePollInterval = TimeSpan.FromMilliseconds(50);
                options.AccessLog = false;
            },
            services => services.AddSingleton<IDefinitionStore>(new SqliteDefinitionStore(file)),
            builder => builder.Logging.ClearProviders());
        await _gateway.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _client = new HttpClient { BaseAddress = new Uri(GatewayHost.ListeningAddresses(_gateway)[0]) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Calls until the gateway answers <paramref name="expected"/> (it picks changes up by polling the store), at most 10 s.</summary>
    private async Task<HttpStatusCode> EventuallyAsync(string? key, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/shop/prod/items");
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("x-api-key", key);
            }

            using var response = await _client.SendAsync(request);
            if (response.StatusCode == expected || DateTime.UtcNow > deadline)
            {
                return response.StatusCode;
            }

            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task KeysLifecycle_ThroughTheCli_ReachesTheRunningGateway()
    {
        var (createExit, value, createError) = await CliRun.RunAsync("keys", "create", "--name", "partner", "--plan", "gold", "--description", "cli", "--store", _store);
        value = value.Trim();
        Assert.True(createExit == 0, createError);
        Assert.Equal(40, value.Length);
        Assert.Contains("shown once", createError, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await EventuallyAsync(value, HttpStatusCode.OK));

        var (listExit, list, _) = await CliRun.RunAsync("keys", "list", "--store", _store);
        Assert.Equal(0, listExit);
        Assert.Contains("partner\tenabled\tapi\tplans=gold", list, StringComparison.Ordinal);
        Assert.DoesNotContain(value, list, StringComparison.Ordinal);

        Assert.Equal(0, (await CliRun.RunAsync("keys", "disable", "partner", "--store", _store)).ExitCode);
        Assert.Equal(HttpStatusCode.Forbidden, await EventuallyAsync(value, HttpStatusCode.Forbidden));
        Assert.Equal(0, (await CliRun.RunAsync("keys", "enable", "partner", "--store", _store)).ExitCode);
        Assert.Equal(HttpStatusCode.OK, await EventuallyAsync(value, HttpStatusCode.OK));

        Assert.Equal(0, (await CliRun.RunAsync("usageplan", "remove-key", "--plan", "gold", "--key", "partner", "--store", _store)).ExitCode);
        Assert.Equal(HttpStatusCode.Forbidden, await EventuallyAsync(value, HttpStatusCode.Forbidden));
        Assert.Equal(0, (await CliRun.RunAsync("usageplan", "add-key", "--plan", "gold", "--key", "partner", "--store", _store)).ExitCode);
        Assert.Equal(HttpStatusCode.OK, await EventuallyAsync(value, HttpStatusCode.OK));
        var (againExit, _, againError) = await CliRun.RunAsync("usageplan", "add-key", "--plan", "gold", "--key", "partner", "--store", _store);
        Assert.Equal(1, againExit);
        Assert.Contains("already in usage plan 'gold'", againError, StringComparison.Ordinal);

        Assert.Equal(0, (await CliRun.RunAsync("keys", "delete", "partner", "--store", _store)).ExitCode);
        Assert.Equal(HttpStatusCode.Forbidden, await EventuallyAsync(value, HttpStatusCode.Forbidden));
        Assert.Equal(1, (await CliRun.RunAsync("keys", "delete", "partner", "--store", _store)).ExitCode);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var part in Directory.GetFiles(_directory, "lakegate.db*"))
        {
            Assert.DoesNotContain(value, System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(part)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Create_DuplicateName_OrUnknownPlan_FailsWithAMessage()
    {
        Assert.Equal(0, (await CliRun.RunAsync("keys", "create", "--name", "one", "--store", _store)).ExitCode);
        var (dupExit, dupOut, dupError) = await CliRun.RunAsync("keys", "create", "--name", "one", "--store", _store);
        var (planExit, _, planError) = await CliRun.RunAsync("keys", "create", "--name", "two", "--plan", "platinum", "--store", _store);

        Assert.Equal(1, dupExit);
        Assert.Equal(string.Empty, dupOut);
        Assert.Contains("already exists", dupError, StringComparison.Ordinal);
        Assert.Equal(1, planExit);
        Assert.Contains("no usage plan 'platinum'", planError, StringComparison.Ordinal);
        var (_, list, _) = await CliRun.RunAsync("keys", "list", "--store", _store);
        Assert.DoesNotContain("two", list, StringComparison.Ordinal);
    }
}
