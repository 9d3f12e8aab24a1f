using System.CommandLine;
using System.Globalization;

namespace Lakegate.Cli.Commands;

/// <summary><c>lakegate stages</c>: every stage in the store with its deployment and canary.</summary>
internal static class StagesCommand
{
    public static Command Create()
    {
        var store = CommonOptions.Store();
        var command = new Command("stages", "List stages, their deployments and canaries") { store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var definitions = await StoreAccess.OpenAsync(parse.GetValue(store)!, cancellationToken);
            if (definitions is null)
            {
                return 1;
            }

            foreach (var stage in await definitions.ListStagesAsync(cancellationToken))
            {
                var canary = stage.Canary is { } c
                    ? string.Create(CultureInfo.InvariantCulture, $" canary={c.DeploymentId}@{c.PercentTraffic}%")
                    : string.Empty;
                Console.WriteLine($"{stage.ApiId}/{stage.Name} deployment={stage.DeploymentId} version={stage.Version}{canary}");
            }

            return 0;
        });
        return command;
    }
}
