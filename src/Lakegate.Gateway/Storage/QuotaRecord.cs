namespace Lakegate.Gateway.Storage;

/// <summary>A stored quota; <see cref="Period"/> is <c>DAY</c>, <c>WEEK</c> or <c>MONTH</c>.</summary>
public sealed record QuotaRecord(long Limit, string Period, long Offset);
