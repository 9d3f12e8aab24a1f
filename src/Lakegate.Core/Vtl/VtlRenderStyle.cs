namespace Lakegate.Core.Vtl;

/// <summary>
/// How a map or list renders as text. Templates build Java collections, which render as
/// <c>{a=1, b=x}</c> and <c>[1, x]</c>. JSON arrays reached through <c>$input.path</c> and every
/// value made by <c>$util.parseJson</c> are json-smart objects on AWS, whose <c>toString()</c> is
/// compact JSON; see <see cref="VtlJson"/>.
/// </summary>
public enum VtlRenderStyle
{
    Java,
    Json,
}
