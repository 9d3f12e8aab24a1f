namespace Lakegate.Cli.Tests;

/// <summary><c>lakegate datasets describe</c> over the inventory example's real Parquet file.</summary>
public sealed class DatasetsCommandTests
{
    private static string Example()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lakegate.slnx")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "examples", "inventory", "lakegate.yaml");
    }

    [Fact]
    public async Task Describe_PrintsFilesRowsAndInferredSchema()
    {
        var (exit, output, error) = await CliRun.RunAsync("datasets", "describe", Example());
        Assert.True(exit == 0, error);
        Assert.Contains("dataset inventory: data/inventory.parquet (parquet, 1 file, 1000 rows)", output, StringComparison.Ordinal);
        Assert.Contains("schema: inferred", output, StringComparison.Ordinal);
        Assert.Matches(@"sku\s+VARCHAR\s+\(key\)", output);
        Assert.Matches(@"price\s+DECIMAL\(10,2\)", output);
        Assert.Matches(@"updated_at\s+TIMESTAMP", output);
    }

    [Fact]
    public async Task Describe_UnknownDataset_Fails()
    {
        var (exit, _, error) = await CliRun.RunAsync("datasets", "describe", Example(), "--dataset", "nope");
        Assert.Equal(1, exit);
        Assert.Contains("no dataset named nope", error, StringComparison.Ordinal);
    }
}
