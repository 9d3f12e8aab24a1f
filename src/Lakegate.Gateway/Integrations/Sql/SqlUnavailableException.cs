namespace Lakegate.Gateway.Integrations.Sql;

/// <summary>A sql connection cannot be used right now (bad string, unresolved secret, database down): its routes answer 503.</summary>
public sealed class SqlUnavailableException(string message, Exception? inner) : Exception(message, inner);
