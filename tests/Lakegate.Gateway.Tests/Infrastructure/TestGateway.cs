using System.Net.Http.Json;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Memory;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Tests.Infrastructure;

/// <summary>
/// A real gateway node listening on a loopback port 0, over a given store (in-memory by default),
/// with a seeded random source and a short store poll interval.
/// </summary>
public sealed class TestGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestGateway(WebApplication app, IDefinitionStore store, string baseUrl)
    {
        _app = app;
        Store = store;
        BaseUrl = baseUrl;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public IDefinitionStore Store { get; }

    public string BaseUrl { get; }

    public int Port => new Uri(BaseUrl).Port;

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public ServingState State => _app.Services.GetRequiredService<ServingState>();

    public static async Task<TestGateway> StartAsync(
        IDefinitionStore? store = null,
        int randomSeed = 42,
        Action<GatewayOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        store ??= new MemoryDefinitionStore();
        var app = GatewayHost.Build(
            ["http://127.0.0.1:0"],
            options =>
            {
                options.StorePollInterval = TimeSpan.FromMilliseconds(50);
                options.AccessLog = false;
                configure?.Invoke(options);
            },
            collection =>
            {
                collection.AddSingleton(store);
                collection.AddSingleton<IRandomSource>(new SeededRandomSource(randomSeed));
                services?.Invoke(collection);
            },
            builder => builder.Logging.ClearProviders());
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return new TestGateway(app, store, GatewayHost.ListeningAddresses(app)[0]);
    }

    /// <summary>Deploys a config through the same service the CLI uses, then waits until this node serves it.</summary>
    public async Task<IReadOnlyList<DeployOutcome>> DeployAsync(LakegateConfig config, DeployRequest? request = null)
    {
        var service = new DeploymentService(Store, TimeProvider.System);
        var outcomes = await service.DeployAsync(config, request ?? new DeployRequest(), CancellationToken.None);
        await WaitForStoreAsync();
        return outcomes;
    }

    /// <summary>Waits until the node serves the store's current revision.</summary>
    public async Task WaitForStoreAsync()
    {
        var revision = await Store.GetRevisionAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (State.Current.Revision < revision)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"gateway did not reach store revision {revision} (serving {State.Current.Revision})");
            }

            await Task.Delay(10);
        }
    }

    public async Task<Echo> GetEchoAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Echo>())!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
        await Store.DisposeAsync();
    }
}
