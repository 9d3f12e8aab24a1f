namespace Lakegate.Core.Vtl;

/// <summary>
/// The text a render produced. <see cref="Error"/> is set when a limit was hit or evaluation failed;
/// <see cref="Output"/> then holds what was rendered up to that point. <c>#stop</c> is not an error.
/// </summary>
public sealed record VtlRenderResult(string Output, VtlError? Error)
{
    public bool Succeeded => Error is null;
}
