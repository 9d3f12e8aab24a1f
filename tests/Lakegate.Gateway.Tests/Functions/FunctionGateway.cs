using System.Text.Json;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Functions;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Memory;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Tests.Functions;

/// <summary>A real listening gateway with declared functions whose workers are real Node processes (Workers/runtime.mjs).</summary>
public sealed class FunctionGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IDefinitionStore _store;
    private bool _stopped;

    private FunctionGateway(WebApplication app, IDefinitionStore store, CapturingLoggerProvider logs)
    {
        _app = app;
        _store = store;
        Logs = logs;
        BaseUrl = GatewayHost.ListeningAddresses(app)[0];
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public static string WorkerDirectory => Path.Combine(AppContext.BaseDirectory, "Functions", "Workers");

    public string BaseUrl { get; }

    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public FunctionHost Host => _app.Services.GetRequiredService<FunctionHost>();

    /// <summary>The gateway's services, for building the admin API on top of it.</summary>
    public IServiceProvider Services => _app.Services;

    public static FunctionDefinition Worker(string name, int timeoutSeconds = 3, int maxConcurrency = 10, int minWarm = 0, IReadOnlyDictionary<string, string>? environment = null) => new()
    {
        Name = name,
        Command = ["node", "runtime.mjs"],
        Handler = "runtime.router",
        WorkingDirectory = WorkerDirectory,
        TimeoutSeconds = timeoutSeconds,
        MaxConcurrency = maxConcurrency,
        MinWarm = minWarm,
        MemoryMb = 256,
        Environment = environment ?? Empty.Strings,
    };

    public static RouteDefinition Route(string routeKey, string function, string? payloadFormatVersion = null)
    {
        var space = routeKey.IndexOf(' ');
        var (method, path) = routeKey == RouteDefinition.DefaultRoutePath
            ? (RouteDefinition.AnyMethod, RouteDefinition.DefaultRoutePath)
            : (routeKey[..space], routeKey[(space + 1)..]);
        return new RouteDefinition
        {
            Method = method,
            Path = path,
            Integration = new IntegrationDefinition
            {
                Type = IntegrationType.AwsProxy,
                HttpMethod = "POST",
                PayloadFormatVersion = payloadFormatVersion,
                Extras = new Dictionary<string, JsonElement> { ["function"] = JsonSerializer.SerializeToElement(function) },
            },
        };
    }

    public static async Task<FunctionGateway> StartAsync(IReadOnlyList<FunctionDefinition> functions, FunctionHostSettings? settings = null, Action<IServiceCollection>? services = null)
    {
        var store = new MemoryDefinitionStore();
        var logs = new CapturingLoggerProvider();
        var app = GatewayHost.Build(
            ["http://127.0.0.1:0"],
            options =>
            {
                options.StorePollInterval = TimeSpan.FromMilliseconds(50);
                options.AccessLog = false;
                options.Functions = functions;
                options.FunctionHost = settings ?? new FunctionHostSettings();
            },
            collection =>
            {
                collection.AddSingleton<IDefinitionStore>(store);
                services?.Invoke(collection);
            },
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.Logging.AddProvider(logs);
            });
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return new FunctionGateway(app, store, logs);
    }

    public async Task DeployAsync(LakegateConfig config)
    {
        var service = new DeploymentService(_store, TimeProvider.System);
        await service.DeployAsync(config, new DeployRequest(), CancellationToken.None);
        var revision = await _store.GetRevisionAsync(CancellationToken.None);
        var state = _app.Services.GetRequiredService<ServingState>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (state.Current.Revision < revision)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Client.Dispose();
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
        await _store.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
