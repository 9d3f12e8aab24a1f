using Lakegate.Core.Definitions;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Storage.Memory;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Tests.Aws;

/// <summary>A real listening gateway with an <c>aws:</c> block, every log line captured (all levels), the access log on.</summary>
public sealed class AwsGateway : IAsyncDisposable
{
    /// <summary>Keys that must never appear in a response or a log line.</summary>
    public const string Secret = "lakegate-test-secret/DO+NOT+LEAK";
    public const string Token = "lakegate-test-session-token-DO-NOT-LEAK";

    private readonly WebApplication _app;
    private readonly IDefinitionStore _store;

    private AwsGateway(WebApplication app, IDefinitionStore store, AllLevelsLoggerProvider logs)
    {
        _app = app;
        _store = store;
        Logs = logs;
        Client = new HttpClient { BaseAddress = new Uri(GatewayHost.ListeningAddresses(app)[0]), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public AllLevelsLoggerProvider Logs { get; }

    /// <summary>Default credentials carry <see cref="Secret"/> and <see cref="Token"/>; <c>s3rver</c> holds the keys s3rver checks.</summary>
    public static AwsDefinition Aws(IReadOnlyDictionary<string, string> endpoints) => new()
    {
        Region = "us-east-1",
        Credentials = new Dictionary<string, AwsCredentialsDefinition>
        {
            ["default"] = new() { AccessKeyId = "AKIDLAKEGATETEST", SecretAccessKey = Secret, SessionToken = Token },
            ["s3rver"] = new() { AccessKeyId = AwsEmulators.S3rverKey, SecretAccessKey = AwsEmulators.S3rverKey },
        },
        Endpoints = endpoints,
    };

    public static async Task<AwsGateway> StartAsync(AwsDefinition aws, LakegateConfig config)
    {
        var store = new MemoryDefinitionStore();
        var logs = new AllLevelsLoggerProvider();
        var app = GatewayHost.Build(
            ["http://127.0.0.1:0"],
            options =>
            {
                options.StorePollInterval = TimeSpan.FromMilliseconds(50);
                options.AccessLog = true;
                options.Aws = aws;
                options.Functions = config.Functions;
            },
            services => services.AddSingleton<IDefinitionStore>(store),
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
                builder.Logging.AddProvider(logs);
            });
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var gateway = new AwsGateway(app, store, logs);
        await new DeploymentService(store, TimeProvider.System).DeployAsync(config, new DeployRequest(), CancellationToken.None);
        var revision = await store.GetRevisionAsync(CancellationToken.None);
        var state = app.Services.GetRequiredService<ServingState>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (state.Current.Revision < revision)
        {
            await Task.Delay(10, timeout.Token);
        }

        return gateway;
    }

    /// <summary>Fails when a captured log line holds a secret.</summary>
    public void AssertNoSecretInLogs()
    {
        foreach (var line in Logs.Lines)
        {
            Assert.DoesNotContain(Secret, line, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, line, StringComparison.Ordinal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
        await _store.DisposeAsync();
    }
}
