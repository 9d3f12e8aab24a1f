using Lakegate.Core.Definitions;
using Lakegate.Gateway.Storage;

namespace Lakegate.Gateway.Deployments;

/// <summary>A usage plan, compiled: its throttle and quota with parsed period.</summary>
public sealed record UsagePlanModel(string Name, ThrottleRecord? Throttle, long QuotaLimit, QuotaPeriod? QuotaPeriod, long QuotaOffset, DateTimeOffset CreatedAt);
