using System.Diagnostics.Metrics;

namespace Lakegate.Gateway.Functions;

/// <summary>
/// Function host metrics (OpenTelemetry names), plus plain counters tests and the admin API can read
/// without a listener.
/// </summary>
public sealed class FunctionMetrics : IDisposable
{
    public const string MeterName = "Lakegate.Functions";

    private readonly Meter _meter;
    private readonly Histogram<double> _coldStart;
    private readonly Counter<long> _invocations;
    private long _coldStarts;
    private long _workersStarted;

    public FunctionMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _coldStart = _meter.CreateHistogram<double>("lakegate.function.cold_start.duration", "ms", "Worker spawn to its first /next");
        _invocations = _meter.CreateCounter<long>("lakegate.function.invocations", description: "Invocations by function and outcome");
    }

    /// <summary>Workers that reached their first <c>/next</c>.</summary>
    public long ColdStarts => Interlocked.Read(ref _coldStarts);

    public long WorkersStarted => Interlocked.Read(ref _workersStarted);

    internal void WorkerStarted() => Interlocked.Increment(ref _workersStarted);

    internal void ColdStart(string function, double milliseconds)
    {
        Interlocked.Increment(ref _coldStarts);
        _coldStart.Record(milliseconds, new KeyValuePair<string, object?>("function", function));
    }

    internal void Invoked(string function, FunctionOutcome outcome) =>
        _invocations.Add(1, new KeyValuePair<string, object?>("function", function), new KeyValuePair<string, object?>("outcome", outcome.ToString()));

    public void Dispose() => _meter.Dispose();
}
