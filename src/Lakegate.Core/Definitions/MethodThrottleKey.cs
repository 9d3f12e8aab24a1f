namespace Lakegate.Core.Definitions;

/// <summary>Usage plans key per-method throttles <c>/path/METHOD</c> (root: <c>//GET</c>; any method: <c>/path/*</c>).</summary>
public static class MethodThrottleKey
{
    /// <summary>The stage <c>methodSettings</c> key for every method of every resource.</summary>
    public const string AllMethods = "*/*";

    private static readonly HashSet<string> Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "*"];

    /// <summary>Splits <c>/items/{id}/GET</c> into <c>/items/{id}</c> and <c>GET</c> (upper-cased).</summary>
    public static bool TrySplit(string methodKey, out string path, out string method)
    {
        ArgumentNullException.ThrowIfNull(methodKey);
        var slash = methodKey.LastIndexOf('/');
        path = slash > 0 ? methodKey[..slash] : string.Empty;
        method = slash >= 0 ? methodKey[(slash + 1)..].ToUpperInvariant() : string.Empty;
        return slash > 0 && path.StartsWith('/') && Methods.Contains(method);
    }
}
