namespace Lakegate.Gateway.Authorizers;

/// <summary>
/// Lambda authorizer results, keyed by authorizer and identity-source values. The value is the
/// function's raw response: a hit is parsed like a fresh answer and its policy re-evaluated against
/// the request's own method ARN, so a cached policy never grants more than it says. In memory by
/// default; a shared store (Redis) lets nodes share results.
/// </summary>
public interface IAuthorizerCache
{
    ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    ValueTask SetAsync(string key, byte[] response, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Drops every entry whose key starts with <paramref name="prefix"/> (FlushStageAuthorizersCache).</summary>
    ValueTask FlushAsync(string prefix, CancellationToken cancellationToken);
}
