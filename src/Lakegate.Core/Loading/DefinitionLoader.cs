using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// The one entry point for definition files: reads lakegate.yaml or an API Gateway OpenAPI export,
/// validates it, and returns the config only when no error was found. Bad input never throws.
/// </summary>
public static class DefinitionLoader
{
    /// <summary>
    /// Loads <paramref name="path"/> (positions name it exactly as given). <paramref name="options"/>
    /// apply to OpenAPI files only; a lakegate.yaml sets ids and stages itself.
    /// </summary>
    public static LoadResult Load(string path, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var diagnostics = new List<Diagnostic>();
        var text = SourceFiles.ReadText(path, null, diagnostics);
        return text is null ? new LoadResult(null, diagnostics) : Load(text, path, options, diagnostics);
    }

    /// <summary>Loads text as if read from <paramref name="fileName"/> (which names positions and picks JSON by extension).</summary>
    public static LoadResult LoadText(string text, string fileName, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        return Load(text, fileName, options, []);
    }

    /// <summary>An OpenAPI document has a root <c>openapi</c> or <c>swagger</c> key; anything else is read as lakegate.yaml.</summary>
    public static bool IsOpenApi(SourceNode root) => root is SourceMap map && (map.ContainsKey("openapi") || map.ContainsKey("swagger"));

    private static LoadResult Load(string text, string fileName, LoadOptions? options, List<Diagnostic> diagnostics)
    {
        var root = SourceReader.Read(text, fileName, diagnostics);
        if (root is null)
        {
            return new LoadResult(null, diagnostics);
        }

        var config = IsOpenApi(root)
            ? OpenApiImporter.Import(root, fileName, options, diagnostics)
            : LakegateConfigLoader.Load(root, fileName, diagnostics, options?.AllowFileReferences ?? true);
        if (config is not null)
        {
            DefinitionValidator.Validate(config, diagnostics);
            config = config with { SecretReferences = SecretReferenceScanner.Scan(root, diagnostics) };
        }

        var hasErrors = diagnostics.Exists(d => d.Severity == DiagnosticSeverity.Error);
        return new LoadResult(hasErrors ? null : config, diagnostics);
    }
}
