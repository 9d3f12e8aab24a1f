namespace Lakegate.Core.Vtl;

/// <summary>A template fault: a parse error at deploy time, or a render failure (limit hit, bad call) at run time.</summary>
public sealed record VtlError(int Line, int Column, string Message)
{
    /// <summary><c>line:col: message</c>.</summary>
    public override string ToString() => $"{Line}:{Column}: {Message}";
}
