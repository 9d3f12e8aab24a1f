namespace Lakegate.Gateway.Storage;

/// <summary>
/// Throttle buckets and quota counters: the mutable traffic state of a gateway. One contract,
/// two implementations (in memory for one node, Redis for many), one conformance suite. Each call
/// is one atomic step, so concurrent requests (on one node or many) never both take the last token.
/// Time comes from the store's injected <see cref="TimeProvider"/>; with Redis every node passes its
/// own clock, so nodes should keep their clocks in sync (NTP) as they would for anything else.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>
    /// Token bucket: capacity <paramref name="burst"/>, refilled at <paramref name="ratePerSecond"/>
    /// tokens a second, one token per request. A bucket never seen before starts full. An empty
    /// bucket refuses and says when the next token arrives.
    /// </summary>
    ValueTask<RateLimitDecision> TakeAsync(string key, double ratePerSecond, int burst, CancellationToken cancellationToken);

    /// <summary>
    /// Quota counter for one period window (<paramref name="windowId"/>, for example <c>2026-03-04</c>):
    /// counts the request and allows it while fewer than <paramref name="limit"/> were counted in that
    /// window; a refused request is not counted. The counter may be forgotten after <paramref name="windowEnd"/>.
    /// </summary>
    ValueTask<QuotaDecision> CountAsync(string key, string windowId, long limit, DateTimeOffset windowEnd, CancellationToken cancellationToken);
}
