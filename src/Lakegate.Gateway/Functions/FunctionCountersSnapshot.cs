namespace Lakegate.Gateway.Functions;

/// <summary>A read of <see cref="FunctionCounters"/>. Cold-start figures are null until the first cold start.</summary>
public sealed record FunctionCountersSnapshot(
    IReadOnlyDictionary<FunctionOutcome, long> Outcomes,
    long ColdStarts,
    double? ColdStartAverageMs,
    double? ColdStartMinMs,
    double? ColdStartMaxMs,
    IReadOnlyList<double> RecentColdStartsMs,
    long WorkersStarted)
{
    public long Invocations => Outcomes.Values.Sum();

    /// <summary>Invocations the function itself failed: it reported an error, or its process died.</summary>
    public long Errors => Outcomes[FunctionOutcome.FunctionError] + Outcomes[FunctionOutcome.Crashed];

    public long Timeouts => Outcomes[FunctionOutcome.Timeout];

    public long Throttles => Outcomes[FunctionOutcome.TooManyRequests];
}
