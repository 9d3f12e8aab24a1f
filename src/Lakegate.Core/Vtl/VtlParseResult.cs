namespace Lakegate.Core.Vtl;

/// <summary>The outcome of <see cref="VtlTemplate.Parse"/>: a template, or every error found (never both).</summary>
public sealed record VtlParseResult(VtlTemplate? Template, IReadOnlyList<VtlError> Errors)
{
    public bool Succeeded => Template is not null;
}
