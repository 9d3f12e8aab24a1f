namespace Lakegate.Core.Definitions;

/// <summary>
/// One problem found in a definition. Loaders and validators collect every diagnostic instead of
/// stopping at the first, so a user sees all of them in one run of <c>lakegate validate</c>.
/// </summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, SourcePosition? Position, string Message)
{
    public static Diagnostic Error(SourcePosition? position, string message) => new(DiagnosticSeverity.Error, position, message);

    public static Diagnostic Warning(SourcePosition? position, string message) => new(DiagnosticSeverity.Warning, position, message);

    /// <summary><c>file:line:col: message</c> for errors, <c>file:line:col: warning: message</c> for warnings.</summary>
    public override string ToString()
    {
        var where = Position is { } p ? p + ": " : string.Empty;
        return Severity == DiagnosticSeverity.Warning ? $"{where}warning: {Message}" : $"{where}{Message}";
    }
}
