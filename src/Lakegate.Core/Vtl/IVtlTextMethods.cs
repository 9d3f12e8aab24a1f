using System.Text;

namespace Lakegate.Core.Vtl;

/// <summary>
/// A host object some of whose methods return text that can be written straight into the output
/// when the call is rendered (<c>$util.escapeJavaScript(...)</c>, <c>$input.json('$')</c>), instead of
/// being built as a string first. Anywhere else (in <c>#set</c>, as an argument) the engine calls
/// <see cref="IVtlObject.TryInvoke"/>; both must give the same text.
/// </summary>
internal interface IVtlTextMethods : IVtlObject
{
    /// <summary>
    /// Appends the text of <c>method(arguments)</c> to <paramref name="output"/> and returns true;
    /// returns false, having appended nothing, when the call is not one of these (or its result is
    /// null): the engine then calls <see cref="IVtlObject.TryInvoke"/> with the same arguments.
    /// </summary>
    bool TryInvokeInto(string method, IReadOnlyList<object?> arguments, StringBuilder output);
}
