using System.Collections.Concurrent;
using Lakegate.Core.Loading;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Lakegate.Gateway.Secrets;
using Lakegate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Tests.Secrets;

/// <summary>Secret values never reach a log line, at any level, through use (header, URI), rotation and deletion.</summary>
public sealed class SecretLogLeakTests : IAsyncLifetime
{
    private readonly AllLines _logs = new();
    private TestBackend _backend = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.StartAsync();
        _app = GatewayHost.Build(
            ["http://127.0.0.1:0"],
            o =>
            {
                o.Store = "memory";
                o.StorePollInterval = TimeSpan.FromMilliseconds(50);
                o.MasterKey = MasterKey.Parse(MasterKey.Generate(), "test");
                o.AccessLog = true;
            },
            _ => { },
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.Logging.AddProvider(_logs);
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
            });
        await _app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _client = new HttpClient { BaseAddress = new Uri(GatewayHost.ListeningAddresses(_app)[0]), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
        await _backend.DisposeAsync();
    }

    private async Task WaitForStoreAsync()
    {
        var store = _app.Services.GetRequiredService<IDefinitionStore>();
        var state = _app.Services.GetRequiredService<ServingState>();
        var revision = await store.GetRevisionAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (state.Current.Revision < revision && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task UseInHeaderAndUriRotateDelete_NoValueInAnyLogLine()
    {
        var vault = _app.Services.GetRequiredService<SecretVault>();
        await vault.PutAsync("tok", "leak-canary-1", null, CancellationToken.None);
        await vault.PutAsync("path", "x{leak-canary-3", null, CancellationToken.None);
        var config = DefinitionLoader.LoadText($$$"""
            version: 1
            apis:
              - id: leak
                routes:
                  - route: GET /call
                    integration:
                      type: http_proxy
                      uri: {{{_backend.BaseUrl}}}/x
                      requestParameters:
                        integration.request.header.X-Token: "'{{secret:tok}}'"
                stages: [{ name: prod }]
              - id: broken
                routes:
                  - route: GET /call
                    integration: { type: http_proxy, uri: "http://127.0.0.1:9/{{secret:path}}" }
                stages: [{ name: prod }]
            """, "lakegate.yaml");
        Assert.False(config.HasErrors, string.Join("\n", config.Errors));
        await _app.Services.GetRequiredService<DeploymentService>().DeployAsync(config.Config!, new DeployRequest(), CancellationToken.None);
        await WaitForStoreAsync();
        using (var first = await _client.GetAsync("/leak/prod/call"))
        {
            Assert.True(first.IsSuccessStatusCode);
        }

        (await _client.GetAsync("/broken/prod/call")).Dispose();
        await vault.PutAsync("tok", "leak-canary-2", null, CancellationToken.None);
        await vault.Store.DeleteSecretAsync("tok", CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_logs.Lines.Any(l => l.Contains("unknown secret 'tok'", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            (await _client.GetAsync("/leak/prod/call")).Dispose();
            await Task.Delay(20);
        }

        Assert.Contains(_logs.Lines, l => l.Contains("unknown secret 'tok'", StringComparison.Ordinal));
        Assert.NotEmpty(_logs.Lines);
        var leaked = _logs.Lines.Where(l => l.Contains("leak-canary", StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, string.Join("\n", leaked));
    }

    private sealed class AllLines : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
