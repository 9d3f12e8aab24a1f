using Lakegate.Core.Definitions;
using Lakegate.Gateway.Functions;

namespace Lakegate.Gateway.Hosting;

/// <summary>How a gateway node runs. Bound from the CLI; defaults suit one laptop.</summary>
public sealed class GatewayOptions
{
    /// <summary>Where definitions live: <c>sqlite:PATH</c>, <c>postgres://...</c> or <c>memory</c>.</summary>
    public string Store { get; set; } = "sqlite:.lakegate/lakegate.db";

    /// <summary>How often a node asks the store whether anything changed. Redeploys are live within two of these.</summary>
    public TimeSpan StorePollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public ServerLimitsDefinition Limits { get; set; } = new();

    /// <summary>One log line per request on the <c>Lakegate.Access</c> category.</summary>
    public bool AccessLog { get; set; } = true;

    /// <summary>The account-wide throttle (API Gateway's 10,000 rps / 5,000 burst), held per node.</summary>
    public ThrottleDefinition AccountThrottle { get; set; } = ThrottleDefinition.AccountDefault;

    /// <summary>Where throttle buckets and quota counters live: <c>memory</c> (one node) or <c>redis://HOST:PORT</c> / <c>redis:CONFIG</c> (shared).</summary>
    public string RateLimitStore { get; set; } = "memory";

    /// <summary>When the rate-limit store fails (Redis down): false = refuse with 503 (the default), true = serve unmetered.</summary>
    public bool RateLimitFailOpen { get; set; }

    /// <summary>How often per-day usage counts are added to the definition store (and once more at shutdown).</summary>
    public TimeSpan UsageFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Functions this node runs (lakegate.yaml <c>functions:</c>); routes invoke them by name.</summary>
    public IReadOnlyList<FunctionDefinition> Functions { get; set; } = [];

    public FunctionHostSettings FunctionHost { get; set; } = new();

    /// <summary>Credentials and endpoints for AWS service integrations (lakegate.yaml <c>aws:</c>); null = AWS_* environment.</summary>
    public AwsDefinition? Aws { get; set; }
    /// <summary>Datasets this node serves (lakegate.yaml <c>datasets:</c>); dataset routes query them by name.</summary>
    public IReadOnlyList<DatasetDefinition> Datasets { get; set; } = [];
    /// <summary>Connections and named queries this node runs (lakegate.yaml <c>sql:</c>); sql routes name a query.</summary>
    public SqlDefinition Sql { get; set; } = new();
    /// <summary>Encrypts secrets and access keys (<c>LAKEGATE_MASTER_KEY</c> / <c>--master-key-file</c>); null = secret features off.</summary>
    public Secrets.MasterKey? MasterKey { get; set; }
}
