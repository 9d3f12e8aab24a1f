namespace Lakegate.Gateway.Storage;

/// <summary>The outcome of one quota count.</summary>
/// <param name="Allowed">The request fitted in the window's limit and was counted.</param>
/// <param name="Used">Requests counted in the window, including this one when allowed.</param>
public readonly record struct QuotaDecision(bool Allowed, long Used);
