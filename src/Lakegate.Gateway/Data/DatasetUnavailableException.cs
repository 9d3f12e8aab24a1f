namespace Lakegate.Gateway.Data;

/// <summary>A dataset whose files cannot be listed, read or described; requests get 503 (LGD113) and the reason goes to the log.</summary>
public sealed class DatasetUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
