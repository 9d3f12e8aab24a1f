namespace Lakegate.Gateway.Functions;

/// <summary>
/// What the admin API shows of one declared function: its limits, its counters and (for worker
/// pools) its workers. Never its command or environment, which may hold secrets.
/// </summary>
public sealed record FunctionStatus(
    string Name,
    string Kind,
    string? Handler,
    int TimeoutSeconds,
    int MemoryMb,
    FunctionCountersSnapshot Counters,
    FunctionWorkersStatus? Workers);
