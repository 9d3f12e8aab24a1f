using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;

namespace Lakegate.Core.Tests.Loading;

public class DatasetLoadingTests
{
    private const string Example = """
        version: 1
        datasets:
          - name: inventory
            source: data/*.parquet
            hivePartitioning: true
            key: sku
            columns: [sku, qty]
            defaultPageSize: 20
            maxPageSize: 500
            maxOffset: 1000
            refresh: never
            queryTimeoutSeconds: 5
            memoryLimit: 256MB
            threads: 1
          - name: orders
            source: s3://lake/orders/*.csv
            schema: { id: BIGINT, total: "DECIMAL(10,2)" }
            csv: { delimiter: ";", header: true }
            s3: { endpoint: "http://127.0.0.1:4569", accessKeyId: k, secretAccessKey: s }
        apis:
          - id: shop
            routes:
              - route: GET /inventory
                integration: { type: dataset, dataset: inventory }
              - route: GET /inventory/{id}
                integration: { type: dataset, dataset: inventory }
            stages: [{ name: v1 }]
        """;

    [Fact]
    public void Load_Datasets_BindsEveryField()
    {
        var result = DefinitionLoader.LoadText(Example, "/srv/app/lakegate.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        var inventory = result.Config!.Datasets[0];
        Assert.Equal(Path.GetFullPath("/srv/app/data/*.parquet"), inventory.ResolvedSource);
        Assert.Equal(DatasetFormat.Parquet, inventory.Format);
        Assert.True(inventory.HivePartitioning);
        Assert.Equal(["sku"], inventory.Key);
        Assert.Equal(["sku", "qty"], inventory.Columns);
        Assert.Equal((20, 500, 1000, 5, 1), (inventory.DefaultPageSize, inventory.MaxPageSize, inventory.MaxOffset, inventory.QueryTimeoutSeconds, inventory.Threads));
        Assert.Equal(DatasetRefresh.Never, inventory.Refresh);
        Assert.Equal(new SourcePosition("/srv/app/lakegate.yaml", 3, 5), inventory.Position);

        var orders = result.Config.Datasets[1];
        Assert.Equal(DatasetFormat.Csv, orders.Format);
        Assert.True(orders.IsS3);
        Assert.Equal("s3://lake/orders/*.csv", orders.ResolvedSource);
        Assert.Equal([new DatasetColumnDefinition("id", "BIGINT"), new DatasetColumnDefinition("total", "DECIMAL(10,2)")], orders.Schema);
        Assert.Equal((";", true), (orders.CsvDelimiter, orders.CsvHeader));
        Assert.Equal("http://127.0.0.1:4569", orders.S3!.Endpoint);
    }

    [Theory]
    [InlineData("{ name: d, source: x.parquet, pageSize: 3 }", "2:42: datasets[0]: unknown key 'pageSize'")]
    [InlineData("{ name: d, source: x.txt }", "datasets[0].source: cannot infer the format")]
    [InlineData("{ name: d, source: x.parquet, format: xml }", "datasets[0].format: expected parquet, csv, json or ndjson")]
    [InlineData("{ name: d, source: x.parquet, maxPageSize: 0 }", "maxPageSize 0 must be within")]
    [InlineData("{ name: d, source: x.parquet, defaultPageSize: 50, maxPageSize: 10 }", "defaultPageSize 50 must be within 1..maxPageSize (10)")]
    [InlineData("{ name: d, source: x.parquet, memoryLimit: lots }", "memoryLimit 'lots' must be a size")]
    [InlineData("{ name: d, source: x.parquet, key: id, columns: [name] }", "key: 'id' must be one of the exposed columns")]
    [InlineData("{ name: d, source: x.parquet, schema: { id: STRUCT(a INT) } }", "type 'STRUCT(a INT)' is not one of")]
    [InlineData("{ name: d, source: x.parquet, schema: { id: \"INT); DROP\" } }", "is not one of")]
    [InlineData("{ name: d, source: x.parquet, columns: [a, a] }", "columns lists 'a' twice")]
    [InlineData("{ name: d, source: x.parquet, cursorSecret: short }", "cursorSecret must be at least 16 characters")]
    [InlineData("{ name: d, source: x.parquet, csv: { delimiter: \";\" } }", "csv options apply to csv datasets only")]
    [InlineData("{ name: d, source: x.parquet, s3: { region: x } }", "s3 settings need an s3:// source")]
    [InlineData("{ name: 'bad name', source: x.parquet }", "name must match")]
    [InlineData("{ name: d, source: x.parquet, cursorSecret: env:LAKEGATE_TEST_NOT_SET_ANYWHERE }", "environment variable LAKEGATE_TEST_NOT_SET_ANYWHERE is not set")]
    public void Load_BadDataset_IsAnErrorWithItsPosition(string dataset, string expected)
    {
        var result = DefinitionLoader.LoadText($"version: 1\ndatasets:\n  - {dataset}\napis: []\n".Replace("datasets:\n  - ", "datasets: [", StringComparison.Ordinal).Replace("\napis", "]\napis", StringComparison.Ordinal), "lakegate.yaml");

        Assert.True(result.HasErrors);
        Assert.Contains(result.Errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_Routes_MustNameADeclaredDatasetAndItsKey()
    {
        const string text = """
            version: 1
            datasets:
              - { name: inventory, source: x.parquet, key: [region, sku] }
              - { name: nokey, source: y.parquet }
            apis:
              - id: shop
                routes:
                  - route: GET /a
                    integration: { type: dataset, dataset: other }
                  - route: GET /b
                    integration: { type: dataset }
                  - route: GET /c/{id}
                    integration: { type: dataset, dataset: inventory }
                  - route: GET /d/{x}
                    integration: { type: dataset, dataset: nokey }
                  - route: POST /e
                    integration: { type: dataset, dataset: inventory }
                  - route: GET /f/{region}/{sku}
                    integration: { type: dataset, dataset: inventory }
            """;
        var errors = DefinitionLoader.LoadText(text, "lakegate.yaml").Errors.Select(e => e.ToString()).ToList();

        Assert.Contains(errors, e => e.StartsWith("lakegate.yaml:9:22:", StringComparison.Ordinal) && e.Contains("dataset 'other' is not declared under datasets:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("route GET /b: integration: a dataset integration needs 'dataset: NAME'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("path parameters {id} must name the key columns of dataset inventory (region, sku)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("route GET /d/{x}: integration: an item route (with path parameters) needs the dataset's key", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("dataset routes answer GET (and HEAD); POST is not served", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("GET /f/", StringComparison.Ordinal));
        Assert.Equal(5, errors.Count);
    }

    [Fact]
    public void Load_DatasetsSentOverTheNetwork_AreRefused()
    {
        var result = DefinitionLoader.LoadText("version: 1\ndatasets: [{ name: d, source: /etc/passwd, format: csv }]\napis: []\n", "admin.yaml", new LoadOptions { AllowFileReferences = false });

        Assert.Contains(result.Errors, e => e.ToString().Contains("datasets are not allowed in definitions sent to the admin API", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RouteToUndeclaredDataset_WithNoDatasetsAtAll_IsAWarning()
    {
        var result = DefinitionLoader.LoadText("version: 1\napis:\n  - id: a\n    routes:\n      - route: GET /x\n        integration: { type: dataset, dataset: inventory }\n", "lakegate.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        Assert.Contains(result.Warnings, w => w.Message.Contains("the serving node must declare it", StringComparison.Ordinal));
    }
}
