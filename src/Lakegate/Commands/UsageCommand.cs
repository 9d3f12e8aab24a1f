using System.CommandLine;
using System.Text.Json;
using Lakegate.Gateway.Usage;

namespace Lakegate.Cli.Commands;

/// <summary><c>lakegate usage --plan NAME --from YYYY-MM-DD --to YYYY-MM-DD</c>: GetUsage from the store, as JSON.</summary>
internal static class UsageCommand
{
    public static Command Create()
    {
        var store = CommonOptions.Store();
        var plan = new Option<string>("--plan") { Description = "Usage plan name", Required = true };
        var from = new Option<string>("--from") { Description = "First day, YYYY-MM-DD (UTC)", Required = true };
        var to = new Option<string>("--to") { Description = "Last day, YYYY-MM-DD (UTC)", Required = true };
        var key = new Option<string?>("--key") { Description = "Only this API key (by name)" };
        var command = new Command("usage", "Requests per API key and day for a usage plan (API Gateway's GetUsage shape)") { store, plan, from, to, key };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!UsageReport.TryParseDate(parse.GetValue(from), out var first) || !UsageReport.TryParseDate(parse.GetValue(to), out var last))
            {
                Console.Error.WriteLine("usage: --from and --to must be dates as YYYY-MM-DD");
                return 2;
            }

            if (last < first || last.DayNumber - first.DayNumber >= UsageReport.MaxDays)
            {
                Console.Error.WriteLine($"usage: --to must be on or after --from, at most {UsageReport.MaxDays} days later");
                return 2;
            }

            await using var definitions = await StoreAccess.OpenAsync(parse.GetValue(store)!, cancellationToken);
            if (definitions is null)
            {
                return 1;
            }

            var report = await UsageReport.BuildAsync(definitions, parse.GetValue(plan)!, first, last, parse.GetValue(key), cancellationToken);
            if (report is null)
            {
                Console.Error.WriteLine($"usage: no usage plan '{parse.GetValue(plan)}' in the store");
                return 1;
            }

            Console.WriteLine(JsonSerializer.Serialize(report));
            return 0;
        });
        return command;
    }
}
