namespace Lakegate.Core.Vtl;

/// <summary>
/// The root variables of a render. <c>#set</c> never writes here: each render writes to its own
/// layer above the scope, so one scope may be rendered many times, concurrently too.
/// </summary>
public sealed class VtlScope
{
    private readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal);

    public VtlScope()
    {
    }

    /// <summary>Sets a root variable and returns this scope, for chaining.</summary>
    public VtlScope Set(string name, object? value)
    {
        _variables[name] = value;
        return this;
    }

    public bool TryGet(string name, out object? value) => _variables.TryGetValue(name, out value);
}
