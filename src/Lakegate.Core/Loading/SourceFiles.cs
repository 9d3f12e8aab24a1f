using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>Reads a definition file from disk; a missing or unreadable file is a diagnostic, not an exception.</summary>
internal static class SourceFiles
{
    public static string? ReadText(string path, SourcePosition? referencedFrom, ICollection<Diagnostic> diagnostics)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "file not found",
                UnauthorizedAccessException => "permission denied",
                _ => "cannot read the file",
            };
            diagnostics.Add(Diagnostic.Error(referencedFrom ?? new SourcePosition(path, 1, 1), $"{path}: {reason}"));
            return null;
        }
    }

    public static SourceNode? Read(string path, SourcePosition? referencedFrom, ICollection<Diagnostic> diagnostics)
    {
        var text = ReadText(path, referencedFrom, diagnostics);
        return text is null ? null : SourceReader.Read(text, path, diagnostics);
    }
}
