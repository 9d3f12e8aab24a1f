using System.CommandLine;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Storage;

namespace Lakegate.Cli.Commands;

/// <summary>
/// <c>lakegate deploy --config FILE --stage NAME [--canary PERCENT]</c>: snapshots the definition as a
/// new deployment and points the stage (or its canary) at it. Every node on the store serves it
/// within two seconds; a definition with errors is refused whole and nothing changes.
/// </summary>
internal static class DeployCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "lakegate.yaml to deploy" };
        var openApi = new Option<string?>("--openapi") { Description = "OpenAPI export to deploy" };
        var apiId = CommonOptions.ApiId();
        var stage = CommonOptions.Stage();
        var canary = new Option<double?>("--canary") { Description = "Deploy as the stage's canary with this share of traffic (0-100)" };
        var description = new Option<string?>("--description") { Description = "Deployment description" };
        var store = CommonOptions.Store();
        var masterKeyFile = CommonOptions.MasterKeyFile();
        var command = new Command("deploy", "Create a deployment and point a stage (or its canary) at it")
        {
            config, openApi, apiId, stage, canary, description, store, masterKeyFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(config) ?? parse.GetValue(openApi);
            if (file is null)
            {
                Console.Error.WriteLine("deploy: give --config FILE or --openapi FILE");
                return 2;
            }

            var percent = parse.GetValue(canary);
            if (percent is < 0 or > 100)
            {
                Console.Error.WriteLine("--canary: must be between 0 and 100");
                return 2;
            }

            var isOpenApi = parse.GetValue(openApi) is not null;
            var definition = DefinitionFiles.Load(file, parse.GetValue(apiId), parse.GetValue(stage), isOpenApi);
            if (definition is null)
            {
                return 1;
            }

            await using var definitions = await StoreAccess.OpenAsync(parse.GetValue(store)!, cancellationToken);
            if (definitions is null || !SecretAccess.TryLoadKey(parse.GetValue(masterKeyFile), out var masterKey))
            {
                return 1;
            }

            await using var secretStore = Lakegate.Gateway.Storage.SecretStoreFactory.Create(parse.GetValue(store)!);

            try
            {
                var outcomes = await new DeploymentService(definitions, TimeProvider.System, new Lakegate.Gateway.Secrets.SecretVault(secretStore, masterKey, TimeProvider.System)).DeployAsync(
                    definition,
                    new DeployRequest
                    {
                        ApiId = isOpenApi ? null : parse.GetValue(apiId),
                        StageName = isOpenApi ? null : parse.GetValue(stage),
                        CanaryPercent = percent,
                        Description = parse.GetValue(description),
                    },
                    cancellationToken);
                foreach (var outcome in outcomes)
                {
                    var what = outcome.Canary ? $"canary at {percent}%" : outcome.Changed ? "deployed" : "unchanged";
                    Console.WriteLine($"{outcome.ApiId}/{outcome.Stage}: {what} (deployment {outcome.DeploymentId})");
                }

                return 0;
            }
            catch (StoreConflictException ex)
            {
                Console.Error.WriteLine($"deploy: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
