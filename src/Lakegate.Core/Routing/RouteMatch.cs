namespace Lakegate.Core.Routing;

/// <summary>The outcome of matching one request against a <see cref="RouteTable{T}"/>.</summary>
public readonly struct RouteMatch<T>
    where T : class
{
    internal RouteMatch(RouteMatchKind kind, T? value, string? resourcePath, KeyValuePair<string, string>[]? parameters)
    {
        Kind = kind;
        Value = value;
        ResourcePath = resourcePath;
        Parameters = parameters ?? [];
    }

    public RouteMatchKind Kind { get; }

    /// <summary>The route's payload when <see cref="Kind"/> is Matched.</summary>
    public T? Value { get; }

    /// <summary>The template path of the matched resource (<c>/items/{id}</c>, or <c>$default</c>).</summary>
    public string? ResourcePath { get; }

    /// <summary>Decoded path parameters in template order; a greedy one holds the rest of the path.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }
}
