using System.Globalization;
using System.Text.Json;

namespace Lakegate.Core.Cors;

/// <summary>
/// An HTTP API's CORS configuration (<c>x-amazon-apigateway-cors</c> / <c>cors:</c>), compiled. API
/// Gateway answers preflight requests itself and, on other requests, replaces whatever CORS headers
/// the backend sent with the configured ones (reference §9).
/// </summary>
public sealed class CorsPolicy
{
    private readonly string[] _origins;
    private readonly bool _anyOrigin;
    private readonly HashSet<string> _methods;
    private readonly bool _anyMethod;
    private readonly HashSet<string> _headers;
    private readonly bool _anyHeader;

    private CorsPolicy(IReadOnlyList<string> origins, IReadOnlyList<string> methods, IReadOnlyList<string> headers,
        IReadOnlyList<string> exposeHeaders, bool allowCredentials, int? maxAge)
    {
        _origins = [.. origins.Where(o => o != "*")];
        _anyOrigin = origins.Contains("*");
        _methods = new HashSet<string>(methods.Where(m => m != "*").Select(m => m.ToUpperInvariant()), StringComparer.Ordinal);
        _anyMethod = methods.Contains("*");
        _headers = new HashSet<string>(headers.Where(h => h != "*"), StringComparer.OrdinalIgnoreCase);
        _anyHeader = headers.Contains("*");
        AllowMethods = string.Join(',', methods);
        AllowHeaders = string.Join(',', headers);
        ExposeHeaders = exposeHeaders.Count == 0 ? null : string.Join(',', exposeHeaders);
        AllowCredentials = allowCredentials;
        MaxAge = maxAge?.ToString(CultureInfo.InvariantCulture);
    }

    public string AllowMethods { get; }

    public string AllowHeaders { get; }

    public string? ExposeHeaders { get; }

    public bool AllowCredentials { get; }

    public string? MaxAge { get; }

    /// <summary>Compiles a CORS configuration; <paramref name="errors"/> lists what is wrong with it.</summary>
    public static CorsPolicy? Compile(JsonElement configuration, out List<string> errors)
    {
        errors = [];
        if (configuration.ValueKind != JsonValueKind.Object)
        {
            errors.Add("cors: expected an object");
            return null;
        }

        var origins = Strings(configuration, "allowOrigins", errors);
        var methods = Strings(configuration, "allowMethods", errors);
        var headers = Strings(configuration, "allowHeaders", errors);
        var expose = Strings(configuration, "exposeHeaders", errors);
        var credentials = false;
        if (configuration.TryGetProperty("allowCredentials", out var c))
        {
            if (c.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                credentials = c.GetBoolean();
            }
            else
            {
                errors.Add("cors.allowCredentials: expected true or false");
            }
        }

        int? maxAge = null;
        if (configuration.TryGetProperty("maxAge", out var m))
        {
            if (m.ValueKind == JsonValueKind.Number && m.TryGetInt32(out var seconds) && seconds is >= 0 and <= 86400)
            {
                maxAge = seconds;
            }
            else
            {
                errors.Add("cors.maxAge: expected whole seconds between 0 and 86400");
            }
        }

        // Browsers refuse credentials with a wildcard origin; API Gateway refuses the configuration.
        if (credentials && origins.Contains("*"))
        {
            errors.Add("cors: allowCredentials cannot be combined with allowOrigins '*'");
        }

        foreach (var origin in origins.Where(o => o != "*"))
        {
            if (!origin.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !origin.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"cors.allowOrigins: '{origin}' must be '*' or start with http:// or https://");
            }
        }

        return errors.Count > 0 ? null : new CorsPolicy(origins, methods, headers, expose, credentials, maxAge);
    }

    /// <summary>The Access-Control-Allow-Origin value for this origin, or null when it is not allowed.</summary>
    public string? AllowOriginFor(string origin)
    {
        foreach (var allowed in _origins)
        {
            if (string.Equals(allowed, origin, StringComparison.OrdinalIgnoreCase) || WildcardMatches(allowed, origin))
            {
                return origin;
            }
        }

        // With credentials the header must name the origin; without, '*' is what API Gateway sends.
        return _anyOrigin ? (AllowCredentials ? origin : "*") : null;
    }

    public bool AllowsMethod(string method) => _anyMethod || _methods.Contains(method.ToUpperInvariant());

    /// <summary>True when every header a preflight asks for (comma-separated) is allowed.</summary>
    public bool AllowsHeaders(string? requested)
    {
        if (_anyHeader || string.IsNullOrWhiteSpace(requested))
        {
            return true;
        }

        foreach (var header in requested.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!_headers.Contains(header))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>https://*.example.com</c> allows any subdomain of example.com on that scheme.</summary>
    private static bool WildcardMatches(string allowed, string origin)
    {
        var star = allowed.IndexOf("://*.", StringComparison.Ordinal);
        if (star < 0)
        {
            return false;
        }

        var scheme = allowed[..(star + 3)];
        var suffix = allowed[(star + 4)..];
        return origin.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && origin.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            && origin.Length > scheme.Length + suffix.Length;
    }

    private static List<string> Strings(JsonElement configuration, string name, List<string> errors)
    {
        var values = new List<string>();
        if (!configuration.TryGetProperty(name, out var array))
        {
            return values;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"cors.{name}: expected a list of strings");
            return values;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
            {
                values.Add(item.GetString()!.Trim());
            }
            else
            {
                errors.Add($"cors.{name}: expected a list of non-empty strings");
            }
        }

        return values;
    }
}
