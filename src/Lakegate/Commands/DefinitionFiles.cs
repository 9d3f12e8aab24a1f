using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;

namespace Lakegate.Cli.Commands;

/// <summary>Loads a lakegate.yaml or an OpenAPI export and prints every diagnostic as file:line:col: message.</summary>
internal static class DefinitionFiles
{
    /// <summary>Returns null (after printing every error) when the definition must be refused.</summary>
    public static LakegateConfig? Load(string path, string? apiId, string? stage, bool openApi)
    {
        // For an OpenAPI file --api-id/--stage name what to create; for a config they only filter.
        var result = DefinitionLoader.Load(path, openApi ? new LoadOptions { ApiId = apiId, StageName = stage } : null);
        Print(result.Diagnostics);
        if (result.HasErrors || result.Config is null)
        {
            var count = result.Errors.Count();
            Console.Error.WriteLine($"{path}: refused: {count} error{(count == 1 ? string.Empty : "s")}");
            return null;
        }

        return result.Config;
    }

    public static void Print(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Console.Error.WriteLine(diagnostic.ToString());
        }
    }
}
