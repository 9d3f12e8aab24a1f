namespace Lakegate.Core.Definitions;

/// <summary>A token bucket: <see cref="RateLimit"/> requests a second on average, <see cref="BurstLimit"/> at once.</summary>
public sealed record ThrottleDefinition
{
    /// <summary>The account-wide default of API Gateway: 10,000 requests a second, bursts of 5,000.</summary>
    public static readonly ThrottleDefinition AccountDefault = new() { RateLimit = 10_000, BurstLimit = 5_000 };

    public double RateLimit { get; init; }

    public int BurstLimit { get; init; }

    public SourcePosition? Position { get; init; }
}
