using System.CommandLine;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Admin;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lakegate.Cli.Commands;

/// <summary>
/// <c>lakegate serve --config FILE</c> or <c>--openapi FILE</c>: validates the definition, deploys it
/// to every stage it declares (no-op when unchanged), starts the gateway and prints its invoke URLs.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "lakegate.yaml to serve" };
        var openApi = new Option<string?>("--openapi") { Description = "API Gateway OpenAPI 3.0 / Swagger 2.0 export to serve" };
        var apiId = CommonOptions.ApiId();
        var stage = CommonOptions.Stage();
        var store = CommonOptions.Store();
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, ';'-separated as in ASP.NET",
            DefaultValueFactory = _ => "http://127.0.0.1:8080",
        };
        var seed = new Option<int?>("--random-seed") { Description = "Seed canary draws (reproducible traffic splits)" };
        var adminUrls = new Option<string>("--admin-urls")
        {
            Description = "Addresses of the admin API (';'-separated). It starts only with a token: LAKEGATE_ADMIN_TOKEN or --admin-token-file",
            DefaultValueFactory = _ => "http://127.0.0.1:9090",
        };
        var adminTokenFile = new Option<string?>("--admin-token-file") { Description = "File holding the admin API bearer token" };
        var rateLimitStore = new Option<string>("--rate-limit-store")
        {
            Description = "Where throttle buckets and quota counters live: memory (one node) or redis://HOST:PORT (shared by nodes)",
            DefaultValueFactory = _ => "memory",
        };
        var rateLimitFailOpen = new Option<bool>("--rate-limit-fail-open") { Description = "Serve unmetered when the rate-limit store fails (default: refuse with 503)" };
        var masterKeyFile = CommonOptions.MasterKeyFile();
        var command = new Command("serve", "Run the gateway") { config, openApi, apiId, stage, store, urls, seed, adminUrls, adminTokenFile, rateLimitStore, rateLimitFailOpen, masterKeyFile };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(config) ?? parse.GetValue(openApi);
            if (file is null || (parse.GetValue(config) is not null && parse.GetValue(openApi) is not null))
            {
                Console.Error.WriteLine("serve: give exactly one of --config FILE or --openapi FILE");
                return 2;
            }

            var definition = DefinitionFiles.Load(file, parse.GetValue(apiId), parse.GetValue(stage), parse.GetValue(openApi) is not null);
            if (definition is null)
            {
                return 1;
            }

            if (!SecretAccess.TryLoadKey(parse.GetValue(masterKeyFile), out var masterKey))
            {
                return 2;
            }

            var storeSpec = parse.GetValue(store)!;
            WebApplication app;
            try
            {
                app = GatewayHost.Build(
                    parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    options =>
                    {
                        options.Store = storeSpec;
                        options.Limits = definition.Server.Limits;
                        options.AccessLog = definition.Server.AccessLog;
                        options.AccountThrottle = definition.Server.Throttle;
                        options.RateLimitStore = parse.GetValue(rateLimitStore)!;
                        options.RateLimitFailOpen = parse.GetValue(rateLimitFailOpen);
                        options.Functions = definition.Functions;
                        options.Aws = definition.Aws;
                        options.Datasets = definition.Datasets;
                        options.Sql = definition.Sql;
                        options.MasterKey = masterKey;
                    },
                    services =>
                    {
                        if (parse.GetValue(seed) is { } value)
                        {
                            services.AddSingleton<IRandomSource>(new SeededRandomSource(value));
                        }
                    });
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"serve: {ex.Message}");
                return 2;
            }

            await using (app)
            {
                var definitions = app.Services.GetRequiredService<IDefinitionStore>();
                try
                {
                    await definitions.InitializeAsync(cancellationToken);
                    var outcomes = await app.Services.GetRequiredService<DeploymentService>()
                        .DeployAsync(definition, new DeployRequest { Description = "lakegate serve " + Path.GetFileName(file) }, cancellationToken);
                    foreach (var outcome in outcomes.Where(o => o.Changed))
                    {
                        Console.WriteLine($"deployed {outcome.ApiId}/{outcome.Stage} (deployment {outcome.DeploymentId})");
                    }
                }
                catch (StoreConflictException ex)
                {
                    Console.Error.WriteLine($"serve: {ex.Message}");
                    return 1;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Console.Error.WriteLine($"serve: cannot open the definition store {Redact(storeSpec)} ({ex.GetType().Name})");
                    return 1;
                }

                await app.StartAsync(cancellationToken);
                PrintInvokeUrls(definition, GatewayHost.ListeningAddresses(app));

                var token = ReadAdminToken(parse.GetValue(adminTokenFile));
                WebApplication? admin = null;
                if (token is not null)
                {
                    admin = AdminHost.Build(
                        new AdminOptions { Token = token, Urls = parse.GetValue(adminUrls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                        app.Services);
                    await admin.StartAsync(cancellationToken);
                    Console.WriteLine($"Admin API (bearer token): {string.Join(", ", GatewayHost.ListeningAddresses(admin))}");
                }
                else
                {
                    Console.WriteLine("Admin API off (set LAKEGATE_ADMIN_TOKEN or --admin-token-file to start it)");
                }

                await app.WaitForShutdownAsync(cancellationToken);
                if (admin is not null)
                {
                    await admin.StopAsync(CancellationToken.None);
                    await admin.DisposeAsync();
                }
            }

            return 0;
        });
        return command;
    }

    private static void PrintInvokeUrls(LakegateConfig definition, IReadOnlyList<string> addresses)
    {
        Console.WriteLine("Lakegate is ready. Invoke URLs:");
        foreach (var stage in definition.Stages)
        {
            var api = definition.Apis.First(a => a.Id == stage.ApiId);
            var stagePath = stage.Name == StageDefinition.DefaultStageName ? string.Empty : stage.Name + "/";
            foreach (var address in addresses)
            {
                var uri = new Uri(address);
                Console.WriteLine($"  {api.Id} ({api.Kind.ToString().ToUpperInvariant()}) stage {stage.Name}:");
                Console.WriteLine($"    {uri.Scheme}://{uri.Authority}/{api.Id}/{stagePath}");
                Console.WriteLine($"    {uri.Scheme}://{api.Id}.execute-api.localhost:{uri.Port}/{stagePath}");
            }
        }

        foreach (var domain in definition.Domains)
        {
            foreach (var mapping in domain.Mappings)
            {
                Console.WriteLine($"  custom domain {domain.Name}/{mapping.BasePath} -> {mapping.ApiId}/{mapping.Stage}");
            }
        }
    }

    private static string? ReadAdminToken(string? file)
    {
        var token = file is not null && File.Exists(file) ? File.ReadAllText(file).Trim() : Environment.GetEnvironmentVariable("LAKEGATE_ADMIN_TOKEN");
        return string.IsNullOrWhiteSpace(token) ? null : token.Trim();
    }

    /// <summary>Store specs may carry a password; show only the scheme.</summary>
    private static string Redact(string spec)
    {
        var colon = spec.IndexOf(':');
        return colon < 0 ? spec : spec[..colon] + ":…";
    }
}
