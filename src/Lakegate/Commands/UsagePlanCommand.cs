using System.CommandLine;
using Lakegate.Gateway.ApiKeys;
using Lakegate.Gateway.Storage;

namespace Lakegate.Cli.Commands;

/// <summary><c>lakegate usageplan add-key|remove-key --plan P --key K</c>: bind keys to usage plans in the store.</summary>
internal static class UsagePlanCommand
{
    public static Command Create()
    {
        var command = new Command("usageplan", "Add keys to or remove them from usage plans in the store");
        command.Subcommands.Add(Bind("add-key", add: true));
        command.Subcommands.Add(Bind("remove-key", add: false));
        return command;
    }

    private static Command Bind(string verb, bool add)
    {
        var store = CommonOptions.Store();
        var plan = new Option<string>("--plan") { Description = "Usage plan name", Required = true };
        var key = new Option<string>("--key") { Description = "API key name", Required = true };
        var command = new Command(verb, add ? "Add a key to a usage plan (one plan per key and api stage)" : "Remove a key from a usage plan") { store, plan, key };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var definitions = await StoreAccess.OpenAsync(parse.GetValue(store)!, cancellationToken);
            if (definitions is null)
            {
                return 1;
            }

            var service = new ApiKeyService(definitions, TimeProvider.System);
            try
            {
                if (add)
                {
                    await service.AddToPlanAsync(parse.GetValue(plan)!, parse.GetValue(key)!, cancellationToken);
                }
                else if (!await service.RemoveFromPlanAsync(parse.GetValue(plan)!, parse.GetValue(key)!, cancellationToken))
                {
                    Console.Error.WriteLine($"usageplan {verb}: plan '{parse.GetValue(plan)}' does not list key '{parse.GetValue(key)}'");
                    return 1;
                }
            }
            catch (Exception ex) when (ex is StoreConflictException or KeyNotFoundException)
            {
                Console.Error.WriteLine($"usageplan {verb}: {ex.Message}");
                return 1;
            }

            Console.WriteLine($"{parse.GetValue(key)} {(add ? "added to" : "removed from")} {parse.GetValue(plan)}");
            return 0;
        });
        return command;
    }
}
