using System.CommandLine;
using System.Text.Json;
using Lakegate.Core.Iam;
using Lakegate.Gateway.Deployments;

namespace Lakegate.Cli.Commands;

/// <summary>
/// <c>lakegate access-keys create|list|enable|disable|delete</c>: IAM-style users' access keys for
/// AWS_IAM (SigV4) routes. The secret access key is printed once, at creation, and stored only
/// encrypted under the master key; identity policies (IAM JSON) are attached per key.
/// </summary>
internal static class AccessKeysCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create() => new("access-keys", "Manage access keys that sign requests to AWS_IAM routes (SigV4, service execute-api)")
    {
        CreateKey(),
        List(),
        SetEnabled("enable", true),
        SetEnabled("disable", false),
        Delete(),
    };

    private static Command CreateKey()
    {
        var user = new Option<string>("--user") { Description = "User name (the principal is arn:aws:iam::{account}:user/{name})", Required = true };
        var account = new Option<string>("--account")
        {
            Description = "12-digit account id of the user (default: the gateway's own account " + DeploymentModel.AccountId + ")",
            DefaultValueFactory = _ => DeploymentModel.AccountId,
        };
        var policyFiles = new Option<string[]>("--policy-file") { Description = "Identity policy (IAM JSON) to attach; repeatable", AllowMultipleArgumentsPerToken = false };
        var store = CommonOptions.Store();
        var keyFile = CommonOptions.MasterKeyFile();
        var command = new Command("create", "Create an access key; prints the secret access key once") { user, account, policyFiles, store, keyFile };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var policies = new List<string>();
            var failed = false;
            foreach (var file in parse.GetValue(policyFiles) ?? [])
            {
                string text;
                try
                {
                    text = File.ReadAllText(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"{file}: cannot read the file ({e.GetType().Name})");
                    failed = true;
                    continue;
                }

                var errors = new List<string>();
                if (IamPolicy.Parse(text, errors) is null)
                {
                    errors.ForEach(error => Console.Error.WriteLine($"{file}: {error}"));
                    failed = true;
                    continue;
                }

                policies.Add(text);
            }

            if (failed)
            {
                return 2;
            }

            var vault = await SecretAccess.OpenAsync(parse.GetValue(store)!, parse.GetValue(keyFile), requireKey: true, cancellationToken);
            if (vault is null)
            {
                return 1;
            }

            await using var _ = vault.Store;
            try
            {
                var (key, secret) = await vault.CreateAccessKeyAsync(parse.GetValue(user)!, parse.GetValue(account)!, policies, cancellationToken);
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    key.AccessKeyId,
                    SecretAccessKey = secret,
                    key.UserName,
                    key.UserArn,
                    Note = "The secret access key is shown only now; store it safely.",
                }, Json));
                return 0;
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"access-keys create: {ex.Message.Split(" (Parameter", 2)[0]}");
                return 2;
            }
        });
        return command;
    }

    private static Command List()
    {
        var store = CommonOptions.Store();
        var command = new Command("list", "Access key ids, users, status and policies as JSON (never secrets)") { store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var vault = await SecretAccess.OpenAsync(parse.GetValue(store)!, null, requireKey: false, cancellationToken);
            if (vault is null)
            {
                return 1;
            }

            await using var _ = vault.Store;
            var keys = await vault.Store.ListAccessKeysAsync(cancellationToken);
            Console.WriteLine(JsonSerializer.Serialize(keys.Select(Lakegate.Gateway.Secrets.AccessKeyMetadata.From), Json));
            return 0;
        });
        return command;
    }

    private static Command SetEnabled(string verb, bool enabled)
    {
        var id = new Argument<string>("access-key-id");
        var store = CommonOptions.Store();
        var command = new Command(verb, enabled ? "Let a key sign requests again" : "Refuse requests signed with a key (kept, can be enabled again)") { id, store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var vault = await SecretAccess.OpenAsync(parse.GetValue(store)!, null, requireKey: false, cancellationToken);
            if (vault is null)
            {
                return 1;
            }

            await using var _ = vault.Store;
            if (!await vault.Store.SetAccessKeyEnabledAsync(parse.GetValue(id)!, enabled, cancellationToken))
            {
                Console.Error.WriteLine($"access-keys {verb}: no access key '{parse.GetValue(id)}'");
                return 1;
            }

            Console.WriteLine($"{parse.GetValue(id)}: {(enabled ? "enabled" : "disabled")}");
            return 0;
        });
        return command;
    }

    private static Command Delete()
    {
        var id = new Argument<string>("access-key-id");
        var store = CommonOptions.Store();
        var command = new Command("delete", "Delete an access key") { id, store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var vault = await SecretAccess.OpenAsync(parse.GetValue(store)!, null, requireKey: false, cancellationToken);
            if (vault is null)
            {
                return 1;
            }

            await using var _ = vault.Store;
            if (!await vault.Store.DeleteAccessKeyAsync(parse.GetValue(id)!, cancellationToken))
            {
                Console.Error.WriteLine($"access-keys delete: no access key '{parse.GetValue(id)}'");
                return 1;
            }

            Console.WriteLine($"{parse.GetValue(id)}: deleted");
            return 0;
        });
        return command;
    }
}
