using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Lakegate.Gateway.Functions;

/// <summary>
/// Function host metrics (OpenTelemetry names), plus per-function <see cref="FunctionCounters"/>
/// that tests and the admin API read without a listener.
/// </summary>
public sealed class FunctionMetrics : IDisposable
{
    public const string MeterName = "Lakegate.Functions";

    private readonly Meter _meter;
    private readonly Histogram<double> _coldStart;
    private readonly Counter<long> _invocations;
    private readonly ConcurrentDictionary<string, FunctionCounters> _functions = new(StringComparer.Ordinal);
    private long _coldStarts;
    private long _workersStarted;

    public FunctionMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _coldStart = _meter.CreateHistogram<double>("lakegate.function.cold_start.duration", "ms", "Worker spawn to its first /next");
        _invocations = _meter.CreateCounter<long>("lakegate.function.invocations", description: "Invocations by function and outcome");
    }

    /// <summary>Workers that reached their first <c>/next</c>, all functions.</summary>
    public long ColdStarts => Interlocked.Read(ref _coldStarts);

    public long WorkersStarted => Interlocked.Read(ref _workersStarted);

    /// <summary>One function's counters (created empty on first use).</summary>
    public FunctionCounters For(string function) => _functions.GetOrAdd(function, static _ => new FunctionCounters());

    internal void WorkerStarted(string function)
    {
        Interlocked.Increment(ref _workersStarted);
        For(function).WorkerStarted();
    }

    internal void ColdStart(string function, double milliseconds)
    {
        Interlocked.Increment(ref _coldStarts);
        For(function).ColdStart(milliseconds);
        _coldStart.Record(milliseconds, new KeyValuePair<string, object?>("function", function));
    }

    internal void Invoked(string function, FunctionOutcome outcome)
    {
        For(function).Invoked(outcome);
        _invocations.Add(1, new KeyValuePair<string, object?>("function", function), new KeyValuePair<string, object?>("outcome", outcome.ToString()));
    }

    public void Dispose() => _meter.Dispose();
}
