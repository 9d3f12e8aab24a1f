using System.CommandLine;
using Lakegate.Core.Loading;

namespace Lakegate.Cli.Commands;

/// <summary><c>lakegate validate FILE</c>: every error and warning as file:line:col: message; non-zero exit on errors.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "lakegate.yaml or an OpenAPI 3.0 / Swagger 2.0 export (JSON or YAML)" };
        var apiId = CommonOptions.ApiId();
        var stage = CommonOptions.Stage();
        var command = new Command("validate", "Check a definition without deploying it") { file, apiId, stage };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var result = DefinitionLoader.Load(path, new LoadOptions { ApiId = parse.GetValue(apiId), StageName = parse.GetValue(stage) });
            DefinitionFiles.Print(result.Diagnostics);
            var errors = result.Errors.Count();
            var warnings = result.Warnings.Count();
            Console.Error.WriteLine($"{path}: {errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}");
            return errors == 0 ? 0 : 1;
        });
        return command;
    }
}
