namespace Lakegate.Gateway.Storage;

/// <summary>Requests one key made under one plan on one UTC day.</summary>
public sealed record UsageRecord(string PlanName, string KeyName, DateOnly Day, long Count);
