using System.Globalization;
using Lakegate.Core.Vtl;

namespace Lakegate.Gateway.Integrations.Mapping;

/// <summary><c>$context.requestOverride</c> (header, path, querystring) or <c>$context.responseOverride</c> (header, status).</summary>
public sealed class OverrideObject(bool isResponse) : IVtlObject
{
    public OverrideMap Header { get; } = new(caseInsensitive: true);

    public OverrideMap Path { get; } = new(caseInsensitive: false);

    public OverrideMap QueryString { get; } = new(caseInsensitive: false);

    public int? Status { get; private set; }

    public string? Conflict => Header.Conflict ?? Path.Conflict ?? QueryString.Conflict ?? _statusConflict;

    private string? _statusConflict;

    public bool TryGetProperty(string name, out object? value)
    {
        value = name switch
        {
            "header" => Header,
            "path" when !isResponse => Path,
            "querystring" when !isResponse => QueryString,
            "status" when isResponse => Status,
            _ => null,
        };
        return value is not null || name == "status";
    }

    public bool TryInvoke(string method, IReadOnlyList<object?> arguments, out object? result)
    {
        result = null;
        return false;
    }

    public bool TrySetProperty(string name, object? value)
    {
        if (!isResponse || name != "status")
        {
            return false;
        }

        if (Status is not null)
        {
            _statusConflict = "status";
            return true;
        }

        Status = value switch
        {
            int i => i,
            long l when l is >= 100 and <= 599 => (int)l,
            string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return Status is not null;
    }
}
