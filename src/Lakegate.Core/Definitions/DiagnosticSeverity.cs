namespace Lakegate.Core.Definitions;

public enum DiagnosticSeverity
{
    Error,
    Warning,
}
