using System.CommandLine;
using Lakegate.Gateway.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lakegate.Cli.Commands;

/// <summary>
/// <c>lakegate datasets describe FILE [--dataset NAME]</c>: opens each declared dataset as the gateway
/// would (same lockdown, same files) and prints its files, row count and exposed schema.
/// </summary>
internal static class DatasetsCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "lakegate.yaml declaring the datasets" };
        var only = new Option<string?>("--dataset") { Description = "Describe only this dataset" };
        var describe = new Command("describe", "Show each dataset's files and schema (inferred unless declared)") { file, only };
        describe.SetAction(async (parse, cancellationToken) =>
        {
            var definition = DefinitionFiles.Load(parse.GetValue(file)!, null, null, openApi: false);
            if (definition is null)
            {
                return 1;
            }

            var name = parse.GetValue(only);
            var datasets = definition.Datasets.Where(d => name is null || d.Name == name).ToList();
            if (datasets.Count == 0)
            {
                Console.Error.WriteLine(name is null ? "datasets: the file declares no datasets" : $"datasets: no dataset named {name}");
                return 1;
            }

            var failed = false;
            foreach (var dataset in datasets)
            {
                try
                {
                    await using var source = await DatasetSource.OpenAsync(dataset, DatasetFilesFactory.Create(dataset, NullLogger.Instance), NullLogger.Instance, TimeProvider.System, cancellationToken);
                    var state = source.State;
                    Console.WriteLine($"dataset {dataset.Name}: {dataset.Source} ({dataset.Format?.ToString().ToLowerInvariant()}, {state.Files.Count} file{(state.Files.Count == 1 ? string.Empty : "s")}"
                        + (state.FooterRowCount is { } rows ? $", {rows} rows" : string.Empty) + ")");
                    Console.WriteLine(dataset.Schema.Count > 0 ? "  schema: declared" : "  schema: inferred");
                    var exposed = state.Schema.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
                    var width = state.AllColumns.Count == 0 ? 4 : state.AllColumns.Max(c => c.Name.Length);
                    foreach (var column in state.AllColumns)
                    {
                        var notes = new List<string>();
                        if (dataset.Key.Contains(column.Name))
                        {
                            notes.Add("key");
                        }

                        if (!exposed.Contains(column.Name))
                        {
                            notes.Add("hidden");
                        }

                        Console.WriteLine($"  {column.Name.PadRight(width)}  {column.SqlType}{(notes.Count > 0 ? "  (" + string.Join(", ", notes) + ")" : string.Empty)}");
                    }
                }
                catch (DatasetUnavailableException ex)
                {
                    Console.Error.WriteLine($"dataset {dataset.Name}: {ex.Message}");
                    failed = true;
                }
            }

            return failed ? 1 : 0;
        });
        return new Command("datasets", "Inspect declared datasets") { describe };
    }
}
