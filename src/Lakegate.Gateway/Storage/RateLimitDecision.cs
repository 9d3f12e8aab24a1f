namespace Lakegate.Gateway.Storage;

/// <summary>The outcome of one token-bucket take.</summary>
/// <param name="Allowed">A token was taken.</param>
/// <param name="Remaining">Whole tokens left after this take.</param>
/// <param name="RetryAfter">When refused: how long until the next token; zero when allowed.</param>
public readonly record struct RateLimitDecision(bool Allowed, long Remaining, TimeSpan RetryAfter);
