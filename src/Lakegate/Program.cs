using System.CommandLine;
using Lakegate.Cli.Commands;

namespace Lakegate.Cli;

/// <summary>The <c>lakegate</c> command.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Lakegate: a self-hosted front door for a data lake, speaking API Gateway's formats.")
        {
            ServeCommand.Create(),
            ValidateCommand.Create(),
            DeployCommand.Create(),
            PromoteCommand.Create(),
            StagesCommand.Create(),
            UsageCommand.Create(),
            KeysCommand.Create(),
            UsagePlanCommand.Create(),
            DatasetsCommand.Create(),
            SecretsCommand.Create(),
            AccessKeysCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
