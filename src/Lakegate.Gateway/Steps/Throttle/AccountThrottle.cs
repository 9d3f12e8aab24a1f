using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace Lakegate.Gateway.Steps.Throttle;

/// <summary>
/// The account-wide token bucket every request passes. Deliberately node-local: it is a safety
/// valve, checked on every request, so it must cost a lock and a few arithmetic operations, never
/// a network round trip. With N nodes the cluster admits up to N times the configured rate.
/// </summary>
public sealed class AccountThrottle
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _rate;
    private readonly int _burst;
    private readonly TokenBucket _bucket;

    public AccountThrottle(IOptions<GatewayOptions> options, TrafficClock clock)
    {
        var time = clock.Time;
        _time = time;
        _rate = options.Value.AccountThrottle.RateLimit;
        _burst = options.Value.AccountThrottle.BurstLimit;
        _bucket = new TokenBucket(_burst, time.GetUtcNow().UtcTicks);
    }

    public bool TryTake()
    {
        var now = _time.GetUtcNow().UtcTicks;
        lock (_lock)
        {
            return _bucket.Take(_rate, _burst, now).Allowed;
        }
    }
}
