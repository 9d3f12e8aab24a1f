using System.CommandLine;
using Lakegate.Gateway.ApiKeys;
using Lakegate.Gateway.Storage;

namespace Lakegate.Cli.Commands;

/// <summary>
/// <c>lakegate keys create|list|enable|disable|delete</c>: API keys managed in the store. <c>create</c>
/// prints the key's value once; the store keeps only its SHA-256. Running gateways pick every change
/// up through the store revision, without a restart.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Create, list, enable, disable and delete API keys in the store");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(List());
        command.Subcommands.Add(SetEnabled("enable", true));
        command.Subcommands.Add(SetEnabled("disable", false));
        command.Subcommands.Add(Delete());
        return command;
    }

    private static Command CreateKey()
    {
        var store = CommonOptions.Store();
        var name = new Option<string>("--name") { Description = "The key's id (unique): what plans, usage and $context.identity.apiKeyId name", Required = true };
        var description = new Option<string?>("--description") { Description = "Free text" };
        var customer = new Option<string?>("--customer-id") { Description = "Free text (AWS Marketplace customer id)" };
        var disabled = new Option<bool>("--disabled") { Description = "Create the key disabled" };
        var plans = new Option<string[]>("--plan") { Description = "Usage plan to add the key to (repeatable)", AllowMultipleArgumentsPerToken = false };
        var valueFromStdin = new Option<bool>("--value-stdin") { Description = "Read the key's value (20-128 chars) from standard input instead of generating one" };
        var command = new Command("create", "Create a key; its value is printed once and never stored") { store, name, description, customer, disabled, plans, valueFromStdin };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string? value = null;
            if (parse.GetValue(valueFromStdin))
            {
                // From stdin, not an argument: command lines end up in shell history and process lists.
                value = (await Console.In.ReadToEndAsync(cancellationToken)).Trim();
            }

            await using var definitions = await StoreAccess.OpenAsync(parse.GetValue(store)!, cancellationToken);
            if (definitions is null)
            {
                return 1;
            }

            try
            {
                var (key, secret) = await new ApiKeyService(definitions, TimeProvider.System).CreateAsync(new ApiKeyCreateRequest
                {
                    Name = parse.GetValue(name)!,
                    Value = value,
                    Enabled = !parse.GetValue(disabled),
                    Description = parse.GetValue(description),
                    CustomerId = parse.GetValue(customer),
                    UsagePlans = parse.GetValue(plans) ?? [],
                }, cancellationToken);
                Console.Error.WriteLine($"created API key '{key.Name}'{(key.Enabled ? string.Empty : " (disabled)")}; its value is shown once:");
                Console.WriteLine(secret);
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or StoreConflictException or KeyNotFoundException)
            {
                Console.Error.WriteLine($"keys create: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command List()
    {
        var store = CommonOptions.Store();
        var command = new Command("list", "List keys: name, enabled, where they came from, their plans (never values)") { store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var definitions = await StoreAccess.OpenAsync(parse.GetValue(store)!, cancellationToken);
            if (definitions is null)
            {
                return 1;
            }

            var record = await definitions.GetUsagePlansAsync(cancellationToken);
            foreach (var key in record.Keys)
            {
                var plans = ApiKeyService.PlansOf(record, key.Name);
                Console.WriteLine($"{key.Name}\t{(key.Enabled ? "enabled" : "disabled")}\t{(key.Managed ? "api" : "config")}\tplans={string.Join(',', plans)}");
            }

            return 0;
        });
        return command;
    }

    private static Command SetEnabled(string verb, bool enabled)
    {
        var store = CommonOptions.Store();
        var name = new Argument<string>("name") { Description = "The key's name" };
        var command = new Command(verb, $"{char.ToUpperInvariant(verb[0])}{verb[1..]} a key on every node") { store, name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var definitions = await StoreAccess.OpenAsync(parse.GetValue(store)!, cancellationToken);
            if (definitions is null)
            {
                return 1;
            }

            if (await new ApiKeyService(definitions, TimeProvider.System).SetEnabledAsync(parse.GetValue(name)!, enabled, cancellationToken) is null)
            {
                Console.Error.WriteLine($"keys {verb}: no API key '{parse.GetValue(name)}'");
                return 1;
            }

            Console.WriteLine($"{parse.GetValue(name)} {verb}d");
            return 0;
        });
        return command;
    }

    private static Command Delete()
    {
        var store = CommonOptions.Store();
        var name = new Argument<string>("name") { Description = "The key's name" };
        var command = new Command("delete", "Delete a key and remove it from its plans") { store, name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var definitions = await StoreAccess.OpenAsync(parse.GetValue(store)!, cancellationToken);
            if (definitions is null)
            {
                return 1;
            }

            if (!await new ApiKeyService(definitions, TimeProvider.System).DeleteAsync(parse.GetValue(name)!, cancellationToken))
            {
                Console.Error.WriteLine($"keys delete: no API key '{parse.GetValue(name)}'");
                return 1;
            }

            Console.WriteLine($"{parse.GetValue(name)} deleted");
            return 0;
        });
        return command;
    }
}
