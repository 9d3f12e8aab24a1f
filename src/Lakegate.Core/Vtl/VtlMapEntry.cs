namespace Lakegate.Core.Vtl;

/// <summary>An element of <c>$map.entrySet()</c>: <c>$e.key</c>, <c>$e.value</c>, <c>getKey()</c>, <c>getValue()</c>.</summary>
internal sealed class VtlMapEntry(string key, object? value) : IVtlObject
{
    public bool TryGetProperty(string name, out object? result)
    {
        result = name switch
        {
            "key" => key,
            "value" => value,
            _ => null,
        };
        return name is "key" or "value";
    }

    public bool TryInvoke(string method, IReadOnlyList<object?> arguments, out object? result)
    {
        result = null;
        if (arguments.Count != 0)
        {
            return false;
        }

        switch (method)
        {
            case "getKey":
                result = key;
                return true;
            case "getValue":
                result = value;
                return true;
            case "toString":
                result = key + "=" + VtlValues.ToText(value, 64);
                return true;
            default:
                return false;
        }
    }

    public bool TrySetProperty(string name, object? value) => false;
}
