namespace Lakegate.Core.Vtl;

/// <summary>What rendering a node asks of the enclosing block: go on, leave the loop (<c>#break</c>) or end the render (<c>#stop</c>).</summary>
internal enum VtlFlow
{
    Normal,
    Break,
    Stop,
}
