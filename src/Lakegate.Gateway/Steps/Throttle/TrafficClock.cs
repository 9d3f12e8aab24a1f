namespace Lakegate.Gateway.Steps.Throttle;

/// <summary>
/// The clock throttles, quotas and usage days read. By default the node's <see cref="TimeProvider"/>;
/// a separate service so a test can freeze metering (exact token counts at a fixed instant) without
/// freezing the node's own timers such as store polling.
/// </summary>
public sealed class TrafficClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;
}
