namespace Lakegate.Core.Definitions;

/// <summary>The <c>server:</c> block of lakegate.yaml.</summary>
public sealed record ServerDefinition
{
    public ServerLimitsDefinition Limits { get; init; } = new();

    /// <summary>Write one access-log line per request.</summary>
    public bool AccessLog { get; init; } = true;

    /// <summary>The account-wide throttle every request passes (per node; see docs/config.md).</summary>
    public ThrottleDefinition Throttle { get; init; } = ThrottleDefinition.AccountDefault;
}
