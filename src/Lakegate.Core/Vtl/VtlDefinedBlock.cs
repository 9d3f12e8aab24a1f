namespace Lakegate.Core.Vtl;

/// <summary>The value of a <c>#define($name)</c> variable: its body, rendered each time the variable is rendered.</summary>
internal sealed class VtlDefinedBlock(VtlNode[] body)
{
    public string RenderToString(VtlRenderState state, int offset) => state.Capture(body, offset);
}
