namespace Lakegate.Core.Vtl;

/// <summary><c>$foreach</c> inside a loop: <c>index</c> (0-based), <c>count</c> (1-based), <c>hasNext</c>, <c>first</c>, <c>last</c>, <c>parent</c>.</summary>
internal sealed class VtlForeachState(object? parent) : IVtlObject
{
    public int Index { get; set; }

    public bool HasNext { get; set; }

    public bool TryGetProperty(string name, out object? value)
    {
        value = name switch
        {
            "index" => VtlValues.Box(Index),
            "count" => VtlValues.Box(Index + 1),
            "hasNext" => VtlValues.Box(HasNext),
            "first" => VtlValues.Box(Index == 0),
            "last" => VtlValues.Box(!HasNext),
            "parent" => parent,
            _ => null,
        };
        return value is not null;
    }

    public bool TryInvoke(string method, IReadOnlyList<object?> arguments, out object? result)
    {
        var property = method switch
        {
            "hasNext" => "hasNext",
            "getIndex" => "index",
            "getCount" => "count",
            "isFirst" => "first",
            "isLast" => "last",
            "getParent" => "parent",
            _ => null,
        };
        result = null;
        return arguments.Count == 0 && property is not null && TryGetProperty(property, out result);
    }

    public bool TrySetProperty(string name, object? value) => false;
}
