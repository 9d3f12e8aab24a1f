namespace Lakegate.Core.Functions;

/// <summary>A function's proxy result, validated: what the gateway writes to the client.</summary>
public sealed record ProxyResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body)
{
    /// <summary>When the function set no Content-Type (API Gateway's default).</summary>
    public const string DefaultContentType = "application/json";
}
