namespace Lakegate.Gateway.Secrets;

/// <summary>A secret feature was used without a master key (or with one that cannot decrypt the store).</summary>
public sealed class SecretsUnavailableException(string message) : Exception(message);
