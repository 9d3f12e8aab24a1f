using System.Text.Json;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// Typed reads from positioned nodes. A read that finds the wrong type records
/// <c>path: expected ...</c> at the value's position and returns null, so loading carries on and
/// every problem in a file is reported in one run.
/// </summary>
internal sealed class NodeReader(ICollection<Diagnostic> diagnostics)
{
    public ICollection<Diagnostic> Diagnostics { get; } = diagnostics;

    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Index(string path, int index) => $"{path}[{index}]";

    public void Error(SourcePosition position, string path, string message) =>
        Diagnostics.Add(Diagnostic.Error(position, path.Length == 0 ? message : $"{path}: {message}"));

    public void Warning(SourcePosition position, string path, string message) =>
        Diagnostics.Add(Diagnostic.Warning(position, path.Length == 0 ? message : $"{path}: {message}"));

    /// <summary>Unknown keys are errors: a typo such as <c>timeoutInMilis</c> must not silently fall back to a default.</summary>
    public void RejectUnknownKeys(SourceMap map, string path, IReadOnlySet<string> allowed)
    {
        foreach (var entry in map.Entries)
        {
            if (!allowed.Contains(entry.Key))
            {
                var hint = allowed.FirstOrDefault(a => string.Equals(a, entry.Key, StringComparison.OrdinalIgnoreCase));
                Error(entry.KeyPosition, path, hint is null ? $"unknown key '{entry.Key}'" : $"unknown key '{entry.Key}' (did you mean '{hint}'?)");
            }
        }
    }

    public SourceNode? Required(SourceMap map, string key, string path)
    {
        if (map[key] is { } node && !(node is SourceScalar { IsNull: true }))
        {
            return node;
        }

        Error(map.Position, path, $"missing required key '{key}'");
        return null;
    }

    public static bool IsAbsent(SourceNode? node) => node is null or SourceScalar { IsNull: true };

    public SourceMap? Map(SourceNode? node, string path)
    {
        if (IsAbsent(node))
        {
            return null;
        }

        if (node is SourceMap map)
        {
            return map;
        }

        Error(node!.Position, path, "expected a mapping");
        return null;
    }

    public SourceSequence? Sequence(SourceNode? node, string path)
    {
        if (IsAbsent(node))
        {
            return null;
        }

        if (node is SourceSequence sequence)
        {
            return sequence;
        }

        Error(node!.Position, path, "expected a list");
        return null;
    }

    /// <summary>Any non-null scalar reads as a string: <c>statusCode: 200</c> and <c>"200"</c> mean the same.</summary>
    public string? String(SourceNode? node, string path)
    {
        if (IsAbsent(node))
        {
            return null;
        }

        if (node is SourceScalar scalar)
        {
            return scalar.Value;
        }

        Error(node!.Position, path, "expected a string");
        return null;
    }

    public bool? Bool(SourceNode? node, string path)
    {
        if (IsAbsent(node))
        {
            return null;
        }

        if (node is SourceScalar scalar && scalar.TryGetBoolean(out var value))
        {
            return value;
        }

        Error(node!.Position, path, "expected true or false");
        return null;
    }

    public long? Long(SourceNode? node, string path, bool allowQuoted = false)
    {
        if (IsAbsent(node))
        {
            return null;
        }

        if (node is SourceScalar scalar)
        {
            if (scalar.TryGetInt64(out var value))
            {
                return value;
            }

            // Exports write some integers as strings (gateway response "statusCode": "404").
            if (allowQuoted && scalar.IsQuoted && long.TryParse(scalar.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value))
            {
                return value;
            }
        }

        Error(node!.Position, path, "expected an integer");
        return null;
    }

    public int? Int(SourceNode? node, string path, bool allowQuoted = false)
    {
        var value = Long(node, path, allowQuoted);
        if (value is null)
        {
            return null;
        }

        if (value is < int.MinValue or > int.MaxValue)
        {
            Error(node!.Position, path, "integer out of range");
            return null;
        }

        return (int)value;
    }

    public double? Double(SourceNode? node, string path)
    {
        if (IsAbsent(node))
        {
            return null;
        }

        if (node is SourceScalar scalar && scalar.TryGetDouble(out var value))
        {
            return value;
        }

        Error(node!.Position, path, "expected a number");
        return null;
    }

    public IReadOnlyList<string>? StringList(SourceNode? node, string path)
    {
        // A single string where a list is expected is accepted: binaryMediaTypes: image/png.
        if (node is SourceScalar { IsNull: false } single)
        {
            return [single.Value];
        }

        var sequence = Sequence(node, path);
        if (sequence is null)
        {
            return null;
        }

        var list = new List<string>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (String(sequence.Items[i], Index(path, i)) is { } value)
            {
                list.Add(value);
            }
        }

        return list;
    }

    public IReadOnlyDictionary<string, string>? StringMap(SourceNode? node, string path)
    {
        var map = Map(node, path);
        if (map is null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            if (entry.Value is SourceScalar { IsNull: true })
            {
                Error(entry.Value.Position, Child(path, entry.Key), "expected a string");
                continue;
            }

            if (String(entry.Value, Child(path, entry.Key)) is { } value)
            {
                result[entry.Key] = value;
            }
        }

        return result;
    }

    public IReadOnlyDictionary<string, bool>? BoolMap(SourceNode? node, string path)
    {
        var map = Map(node, path);
        if (map is null)
        {
            return null;
        }

        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            if (Bool(entry.Value, Child(path, entry.Key)) is { } value)
            {
                result[entry.Key] = value;
            }
        }

        return result;
    }

    public IReadOnlyDictionary<string, JsonElement>? JsonMap(SourceNode? node, string path)
    {
        var map = Map(node, path);
        if (map is null)
        {
            return null;
        }

        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            result[entry.Key] = SourceJson.ToJsonElement(entry.Value);
        }

        return result;
    }

    public static JsonElement? Json(SourceNode? node) => IsAbsent(node) ? null : SourceJson.ToJsonElement(node!);
}
