using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Pipeline;
using Lakegate.Gateway.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lakegate.Gateway.Steps.Throttle;

/// <summary>Every route gets a throttle step: the account-wide limit always applies.</summary>
internal sealed class ThrottleStepFactory(
    IRateLimitStore store,
    AccountThrottle account,
    UsageRecorder usage,
    TrafficClock clock,
    IOptions<GatewayOptions> options,
    ILogger<ThrottleStep> logger) : IGatewayStepFactory
{
    public GatewayPhase Phase => GatewayPhase.Throttle;

    public IGatewayStep? Create(RouteCompileContext route) =>
        new ThrottleStep(route.Route.Path, store, account, usage, clock.Time, options.Value.RateLimitFailOpen, logger);
}
