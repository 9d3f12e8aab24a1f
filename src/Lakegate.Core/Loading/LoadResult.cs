using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>The outcome of loading a definition: the config, or null when any error was found, plus every diagnostic.</summary>
public sealed record LoadResult(LakegateConfig? Config, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning);
}
