using System.CommandLine;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Storage;

namespace Lakegate.Cli.Commands;

/// <summary><c>lakegate promote --api ID --stage NAME</c>: the canary's deployment and variable overrides become the stage's.</summary>
internal static class PromoteCommand
{
    public static Command Create()
    {
        var apiId = CommonOptions.ApiId();
        apiId.Required = true;
        var stage = CommonOptions.Stage();
        stage.Required = true;
        var store = CommonOptions.Store();
        var command = new Command("promote", "Promote a stage's canary to the stage") { apiId, stage, store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var definitions = await StoreAccess.OpenAsync(parse.GetValue(store)!, cancellationToken);
            if (definitions is null)
            {
                return 1;
            }

            try
            {
                var promoted = await new DeploymentService(definitions, TimeProvider.System)
                    .PromoteCanaryAsync(parse.GetValue(apiId)!, parse.GetValue(stage)!, cancellationToken);
                Console.WriteLine($"{promoted.ApiId}/{promoted.Name}: promoted (deployment {promoted.DeploymentId})");
                return 0;
            }
            catch (StoreConflictException ex)
            {
                Console.Error.WriteLine($"promote: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
