using StackExchange.Redis;

namespace Lakegate.Gateway.Tests.Storage;

/// <summary>
/// One connection to the Redis named by LAKEGATE_TEST_REDIS. Without the variable every test
/// fails: a Redis backend that is never tested must not look green. Tests isolate themselves by
/// key prefix, so one server serves all of them.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "LAKEGATE_TEST_REDIS";

    private ConnectionMultiplexer? _redis;

    public IConnectionMultiplexer Redis => _redis ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public string Configuration { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var configuration = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(configuration))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set, so the Redis backend cannot be tested. Run ./scripts/test, which starts Redis, " +
                $"or: D=$(mktemp -d); eval \"export $(scripts/services/redis.sh start $D)\"; dotnet test; scripts/services/redis.sh stop $D");
        }

        Configuration = configuration;
        _redis = await ConnectionMultiplexer.ConnectAsync(configuration).WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
