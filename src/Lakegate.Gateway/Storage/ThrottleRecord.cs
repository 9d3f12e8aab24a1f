namespace Lakegate.Gateway.Storage;

/// <summary>A stored token bucket setting.</summary>
public sealed record ThrottleRecord(double RateLimit, int BurstLimit);
