using Lakegate.Gateway.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lakegate.Gateway.Admin;

/// <summary>
/// <c>GET /functions</c> and <c>GET /functions/{name}</c>: this node's declared functions with their
/// invocations by outcome, errors, timeouts, throttles, cold starts (count and durations) and workers
/// (current, idle, busy, peak). Counters are per node, since it started.
/// </summary>
internal static class FunctionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/functions", (FunctionHost host) => Results.Json(host.Statuses().Select(Render)));

        app.MapGet("/functions/{name}", (string name, FunctionHost host) =>
            host.Status(name) is { } status
                ? Results.Json(Render(status))
                : Results.Json(new { message = $"Function not found: {name}" }, statusCode: StatusCodes.Status404NotFound));
    }

    private static object Render(FunctionStatus status)
    {
        var counters = status.Counters;
        return new
        {
            name = status.Name,
            kind = status.Kind,
            handler = status.Handler,
            timeoutSeconds = status.TimeoutSeconds,
            memoryMb = status.MemoryMb,
            invocations = new
            {
                total = counters.Invocations,
                success = counters.Outcomes[FunctionOutcome.Success],
                functionError = counters.Outcomes[FunctionOutcome.FunctionError],
                crashed = counters.Outcomes[FunctionOutcome.Crashed],
                timeout = counters.Outcomes[FunctionOutcome.Timeout],
                tooManyRequests = counters.Outcomes[FunctionOutcome.TooManyRequests],
                rejected = counters.Outcomes[FunctionOutcome.Rejected],
            },
            errors = counters.Errors,
            timeouts = counters.Timeouts,
            throttles = counters.Throttles,
            coldStarts = new
            {
                count = counters.ColdStarts,
                averageMs = Round(counters.ColdStartAverageMs),
                minMs = Round(counters.ColdStartMinMs),
                maxMs = Round(counters.ColdStartMaxMs),
                recentMs = counters.RecentColdStartsMs.Select(ms => Round(ms)),
            },
            workers = status.Workers is { } w
                ? new { current = w.Current, idle = w.Idle, busy = w.Busy, peak = w.Peak, started = counters.WorkersStarted, maxConcurrency = w.MaxConcurrency, minWarm = w.MinWarm }
                : null,
        };
    }

    private static double? Round(double? milliseconds) => milliseconds is { } ms ? Math.Round(ms, 1) : null;
}
