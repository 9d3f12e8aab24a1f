using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;

namespace Lakegate.Core.Tests.Loading;

internal static class LoadingTestHelpers
{
    /// <summary>Imports without validation, for tests that look at a partly invalid document.</summary>
    public static LakegateConfig ImportIgnoringValidation(string text, string fileName)
    {
        var diagnostics = new List<Diagnostic>();
        var root = SourceReader.Read(text, fileName, diagnostics)!;
        return OpenApiImporter.Import(root, fileName, null, diagnostics)!;
    }
}
