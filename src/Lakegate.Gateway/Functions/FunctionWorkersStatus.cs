namespace Lakegate.Gateway.Functions;

/// <summary>A function's worker processes at one moment: alive, waiting idle, busy (or starting), and the peak since start.</summary>
public sealed record FunctionWorkersStatus(int Current, int Idle, int Busy, int Peak, int MaxConcurrency, int MinWarm);
