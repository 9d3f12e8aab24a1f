using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using Lakegate.Gateway.Secrets;
using Lakegate.Gateway.Storage;

namespace Lakegate.Cli.Commands;

/// <summary>
/// <c>lakegate secrets put|rotate|list|describe|delete|new-master-key</c>: credentials integrations
/// reference as <c>{{secret:NAME[:KEY]}}</c>. Values go in (encrypted under the master key) and never
/// come out of this command: listing and describing show metadata and version labels only.
/// </summary>
internal static class SecretsCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create() => new("secrets", "Manage secrets referenced from definitions as {{secret:NAME[:KEY]}}")
    {
        Put("put", "Store a new secret, or a new AWSCURRENT version of an existing one", mustExist: false),
        Put("rotate", "Put a new version of an existing secret (the old AWSCURRENT becomes AWSPREVIOUS); deployments pick it up live", mustExist: true),
        List(),
        Describe(),
        Delete(),
        NewMasterKey(),
    };

    private static Command Put(string verb, string description, bool mustExist)
    {
        var name = new Argument<string>("name") { Description = "Secret name (letters, digits and /_+=.@-)" };
        var value = new Option<string?>("--value") { Description = "The value (visible in shell history; prefer --value-file)" };
        var valueFile = new Option<string?>("--value-file") { Description = "Read the value from this file ('-' = standard input); one trailing newline is dropped" };
        var generate = new Option<int?>("--generate") { Description = "Generate a random value of this many characters" };
        var describe = new Option<string?>("--description") { Description = "Description shown by list/describe" };
        var store = CommonOptions.Store();
        var keyFile = CommonOptions.MasterKeyFile();
        var command = new Command(verb, description) { name, value, valueFile, generate, describe, store, keyFile };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var given = new[] { parse.GetValue(value) is not null, parse.GetValue(valueFile) is not null, parse.GetValue(generate) is not null }.Count(b => b);
            if (given != 1)
            {
                Console.Error.WriteLine($"secrets {verb}: give exactly one of --value, --value-file or --generate");
                return 2;
            }

            var text = parse.GetValue(value) ?? ReadValue(parse.GetValue(valueFile), verb) ?? Generate(parse.GetValue(generate), verb);
            if (text is null)
            {
                return 2;
            }

            var vault = await SecretAccess.OpenAsync(parse.GetValue(store)!, parse.GetValue(keyFile), requireKey: true, cancellationToken);
            if (vault is null)
            {
                return 1;
            }

            await using var _ = vault.Store;
            var secretName = parse.GetValue(name)!;
            if (mustExist && await vault.Store.DescribeSecretAsync(secretName, cancellationToken) is null)
            {
                Console.Error.WriteLine($"secrets rotate: no secret '{secretName}' (use secrets put to create it)");
                return 1;
            }

            try
            {
                var record = await vault.PutAsync(secretName, text, parse.GetValue(describe), cancellationToken);
                Console.WriteLine($"{record.Name}: version {record.Versions[0].VersionId} is AWSCURRENT");
                return 0;
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"secrets {verb}: {ex.Message.Split(" (Parameter", 2)[0]}");
                return 2;
            }
        });
        return command;
    }

    private static Command List()
    {
        var store = CommonOptions.Store();
        var command = new Command("list", "Secret names, descriptions and version labels as JSON (never values)") { store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var vault = await SecretAccess.OpenAsync(parse.GetValue(store)!, null, requireKey: false, cancellationToken);
            if (vault is null)
            {
                return 1;
            }

            await using var _ = vault.Store;
            Console.WriteLine(JsonSerializer.Serialize((await vault.Store.ListSecretsAsync(cancellationToken)).Select(SecretMetadata.From), Json));
            return 0;
        });
        return command;
    }

    private static Command Describe()
    {
        var name = new Argument<string>("name");
        var store = CommonOptions.Store();
        var command = new Command("describe", "One secret's metadata and versions as JSON (never its value)") { name, store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var vault = await SecretAccess.OpenAsync(parse.GetValue(store)!, null, requireKey: false, cancellationToken);
            if (vault is null)
            {
                return 1;
            }

            await using var _ = vault.Store;
            var record = await vault.Store.DescribeSecretAsync(parse.GetValue(name)!, cancellationToken);
            if (record is null)
            {
                Console.Error.WriteLine($"secrets describe: no secret '{parse.GetValue(name)}'");
                return 1;
            }

            Console.WriteLine(JsonSerializer.Serialize(SecretMetadata.From(record), Json));
            return 0;
        });
        return command;
    }

    private static Command Delete()
    {
        var name = new Argument<string>("name");
        var store = CommonOptions.Store();
        var command = new Command("delete", "Delete a secret and all its versions (deployments referencing it stop compiling)") { name, store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var vault = await SecretAccess.OpenAsync(parse.GetValue(store)!, null, requireKey: false, cancellationToken);
            if (vault is null)
            {
                return 1;
            }

            await using var _ = vault.Store;
            if (!await vault.Store.DeleteSecretAsync(parse.GetValue(name)!, cancellationToken))
            {
                Console.Error.WriteLine($"secrets delete: no secret '{parse.GetValue(name)}'");
                return 1;
            }

            Console.WriteLine($"{parse.GetValue(name)}: deleted");
            return 0;
        });
        return command;
    }

    private static Command NewMasterKey()
    {
        var command = new Command("new-master-key", "Print a fresh random master key (base64) for LAKEGATE_MASTER_KEY or --master-key-file");
        command.SetAction(_ =>
        {
            Console.WriteLine(MasterKey.Generate());
            return 0;
        });
        return command;
    }

    private static string? ReadValue(string? file, string verb)
    {
        if (file is null)
        {
            return null;
        }

        try
        {
            var text = file == "-" ? Console.In.ReadToEnd() : File.ReadAllText(file);
            return text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"secrets {verb}: --value-file {file}: cannot read the file ({e.GetType().Name})");
            return null;
        }
    }

    private static string? Generate(int? length, string verb)
    {
        if (length is not { } n)
        {
            return null;
        }

        if (n is < 8 or > 4096)
        {
            Console.Error.WriteLine($"secrets {verb}: --generate takes 8 to 4096 characters");
            return null;
        }

        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return string.Create(n, alphabet, static (span, chars) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[RandomNumberGenerator.GetInt32(chars.Length)];
            }
        });
    }
}
