using Lakegate.Core.Vtl;

namespace Lakegate.Gateway.Integrations.Mapping;

/// <summary>
/// <c>$context.requestOverride.header</c> and friends: a map templates may write each key of once
/// (API Gateway fails the request when a template overrides the same parameter twice).
/// </summary>
public sealed class OverrideMap : IVtlObject
{
    private readonly Dictionary<string, string> _values;

    public OverrideMap(bool caseInsensitive) =>
        _values = new Dictionary<string, string>(caseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>Set when a key was assigned twice; the request then fails with a 500.</summary>
    public string? Conflict { get; private set; }

    public bool TryGetProperty(string name, out object? value)
    {
        value = _values.TryGetValue(name, out var v) ? v : null;
        return true;
    }

    public bool TryInvoke(string method, IReadOnlyList<object?> arguments, out object? result)
    {
        result = null;
        if (method == "get" && arguments.Count == 1 && arguments[0] is string key)
        {
            result = _values.TryGetValue(key, out var v) ? v : null;
            return true;
        }

        return false;
    }

    public bool TrySetProperty(string name, object? value)
    {
        if (!_values.TryAdd(name, Render(value)))
        {
            Conflict ??= name;
        }

        return true;
    }

    /// <summary>A list override becomes a comma-joined multi-value (reference §2.6).</summary>
    private static string Render(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        IEnumerable<object?> list => string.Join(',', list.Select(v => v?.ToString() ?? string.Empty)),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
