namespace Lakegate.Core.Vtl;

/// <summary>
/// A host object exposed to templates (<c>$input</c>, <c>$util</c>, <c>$context</c>). This is the
/// only way a template reaches .NET code: the engine uses no reflection.
/// </summary>
public interface IVtlObject
{
    /// <summary><c>$obj.name</c>. Return false when there is no such property (the reference then renders literally).</summary>
    bool TryGetProperty(string name, out object? value);

    /// <summary>
    /// <c>$obj.method(args)</c>. Return false when there is no such method or the arguments do not fit.
    /// <paramref name="arguments"/> is only valid during the call (the engine reuses it): keep values, never the list.
    /// </summary>
    bool TryInvoke(string method, IReadOnlyList<object?> arguments, out object? result);

    /// <summary><c>#set($obj.name = value)</c>. Return false if the property is read-only.</summary>
    bool TrySetProperty(string name, object? value);
}
