namespace Lakegate.Gateway.Functions;

/// <summary>
/// One function's counters since the node started: invocations by outcome, cold starts with their
/// durations, workers started. Updated on the invoke path without locks (cold starts, which are rare,
/// take one); read as a consistent-enough <see cref="FunctionCountersSnapshot"/> by the admin API.
/// </summary>
public sealed class FunctionCounters
{
    /// <summary>How many recent cold-start durations are kept.</summary>
    public const int RecentColdStarts = 16;

    private readonly long[] _outcomes = new long[Enum.GetValues<FunctionOutcome>().Length];
    private readonly Lock _coldGate = new();
    private readonly Queue<double> _recentColdStarts = new(RecentColdStarts);
    private long _coldStarts;
    private double _coldStartTotalMs;
    private double _coldStartMaxMs;
    private double _coldStartMinMs = double.MaxValue;
    private long _workersStarted;

    internal void Invoked(FunctionOutcome outcome) => Interlocked.Increment(ref _outcomes[(int)outcome]);

    internal void WorkerStarted() => Interlocked.Increment(ref _workersStarted);

    internal void ColdStart(double milliseconds)
    {
        lock (_coldGate)
        {
            _coldStarts++;
            _coldStartTotalMs += milliseconds;
            _coldStartMaxMs = Math.Max(_coldStartMaxMs, milliseconds);
            _coldStartMinMs = Math.Min(_coldStartMinMs, milliseconds);
            if (_recentColdStarts.Count == RecentColdStarts)
            {
                _recentColdStarts.Dequeue();
            }

            _recentColdStarts.Enqueue(milliseconds);
        }
    }

    public FunctionCountersSnapshot Snapshot()
    {
        var outcomes = new Dictionary<FunctionOutcome, long>();
        foreach (var outcome in Enum.GetValues<FunctionOutcome>())
        {
            outcomes[outcome] = Interlocked.Read(ref _outcomes[(int)outcome]);
        }

        lock (_coldGate)
        {
            return new FunctionCountersSnapshot(
                outcomes,
                _coldStarts,
                _coldStarts == 0 ? null : _coldStartTotalMs / _coldStarts,
                _coldStarts == 0 ? null : _coldStartMinMs,
                _coldStarts == 0 ? null : _coldStartMaxMs,
                [.. _recentColdStarts],
                Interlocked.Read(ref _workersStarted));
        }
    }
}
