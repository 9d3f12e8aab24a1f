using System.Net;
using System.Text.Json;
using Lakegate.Core.Loading;
using Lakegate.Gateway.Tests.Infrastructure;

namespace Lakegate.Gateway.Tests.Datasets;

/// <summary>examples/inventory: its lakegate.yaml serves its committed Parquet file, and generate.sql still makes that file.</summary>
public sealed class InventoryExampleTests
{
    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lakegate.slnx")))
        {
            directory = directory.Parent;
        }

        return directory!.FullName;
    }

    [Fact]
    public async Task Example_ServesListItemAnd404()
    {
        var result = DefinitionLoader.Load(Path.Combine(Root(), "examples", "inventory", "lakegate.yaml"));
        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        await using var gateway = await TestGateway.StartAsync(configure: o => o.Datasets = result.Config!.Datasets);
        await gateway.DeployAsync(result.Config!);

        using var list = await gateway.Client.GetAsync("/shop/v1/inventory?region=eq.eu-west&qty=gte.400&order=price.desc&select=sku,qty,price&limit=3");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var rows = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(3, rows.GetArrayLength());
        Assert.All(rows.EnumerateArray(), r => Assert.True(r.GetProperty("qty").GetInt32() >= 400));

        using var item = await gateway.Client.GetAsync("/shop/v1/inventory/SKU-00002");
        Assert.Equal("""{"sku":"SKU-00002","region":"ap-south","name":"gizmo 2","qty":74,"price":159.38,"updated_at":"2026-01-01T04:22:00","discontinued":false}""", await item.Content.ReadAsStringAsync());
        using var missing = await gateway.Client.GetAsync("/shop/v1/inventory/SKU-99999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var openapi = await gateway.Client.GetAsync("/_lakegate/openapi/shop/v1");
        Assert.Equal(HttpStatusCode.OK, openapi.StatusCode);
        Assert.Equal("application/openapi+json", openapi.Content.Headers.ContentType!.MediaType);
        var document = JsonDocument.Parse(await openapi.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("3.1.0", document.GetProperty("openapi").GetString());
        Assert.Equal("/shop/v1", document.GetProperty("servers")[0].GetProperty("url").GetString());
        var listParameters = document.GetProperty("paths").GetProperty("/inventory").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("region", listParameters);
        Assert.Contains("cursor", listParameters);
        Assert.Equal("path", document.GetProperty("paths").GetProperty("/inventory/{sku}").GetProperty("get").GetProperty("parameters")[0].GetProperty("in").GetString());
        var row = document.GetProperty("components").GetProperty("schemas").GetProperty("inventory").GetProperty("properties");
        Assert.Equal(["sku", "region", "name", "qty", "price", "updated_at", "discontinued"], row.EnumerateObject().Select(p => p.Name));
        Assert.Equal("integer", row.GetProperty("qty").GetProperty("type")[0].GetString());
        Assert.Equal("date-time", row.GetProperty("updated_at").GetProperty("format").GetString());

        using var unknown = await gateway.Client.GetAsync("/_lakegate/openapi/shop/nostage");
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
    }

    [Fact]
    public void GenerateSql_StillMakesTheCommittedFile()
    {
        var root = Root();
        var scratch = Path.Combine(Path.GetTempPath(), "lakegate-inventory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(scratch, "examples", "inventory", "data"));
        try
        {
            var sql = File.ReadAllText(Path.Combine(root, "examples", "inventory", "generate.sql")).Replace("'examples/", $"'{scratch}/examples/", StringComparison.Ordinal);
            DatasetGatewayFixture.Execute(sql);
            var committed = Path.Combine(root, "examples", "inventory", "data", "inventory.parquet");
            var fresh = Path.Combine(scratch, "examples", "inventory", "data", "inventory.parquet");
            var difference = DatasetGatewayFixture.Query($"""
                SELECT count(*) FROM ((SELECT * FROM read_parquet('{committed}') EXCEPT ALL SELECT * FROM read_parquet('{fresh}'))
                  UNION ALL (SELECT * FROM read_parquet('{fresh}') EXCEPT ALL SELECT * FROM read_parquet('{committed}')))
                """)[0][0];
            Assert.Equal(0L, Convert.ToInt64(difference));
            Assert.Equal(1000L, Convert.ToInt64(DatasetGatewayFixture.Query($"SELECT count(*) FROM read_parquet('{committed}')")[0][0]));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
