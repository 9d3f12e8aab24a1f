using System.Text.Json;
using DuckDB.NET.Data;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Tests.Infrastructure;

namespace Lakegate.Gateway.Tests.Datasets;

/// <summary>
/// Real files generated with DuckDB in a temporary directory (Parquet, CSV, NDJSON of the same
/// table, and a 100,000-row Parquet with ties and NULLs), served by a real listening gateway.
/// Tests compare what the gateway answers with what DuckDB itself finds in the same files.
/// </summary>
public sealed class DatasetGatewayFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "lakegate-datasets-" + Guid.NewGuid().ToString("N"));

    public TestGateway Gateway { get; private set; } = null!;

    public HttpClient Client => Gateway.Client;

    public string Items => Path.Combine(Directory, "items.parquet");

    public string Big => Path.Combine(Directory, "big.parquet");

    public string PartsDirectory => Path.Combine(Directory, "parts");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(PartsDirectory);
        Execute($"""
            COPY (
                SELECT i AS id,
                       printf('SKU-%05d', i) AS sku,
                       CASE WHEN i % 11 = 0 THEN NULL ELSE ['eu', 'us', 'ap'][1 + i % 3] END AS region,
                       CASE WHEN i % 13 = 0 THEN NULL ELSE CAST((i * 37) % 500 AS INTEGER) END AS qty,
                       CAST(((i * 7919) % 100000) / 100.0 AS DECIMAL(10, 2)) AS price,
                       ((i * 31) % 1000) / 1000.0 AS score,
                       DATE '2026-01-01' + CAST(i % 90 AS INTEGER) AS day,
                       TIMESTAMP '2026-01-01 00:00:00' + to_minutes(CAST(i * 17 AS BIGINT)) AS ts,
                       i % 4 = 0 AS active,
                       'hush-' || i AS secret
                FROM range(1, 2001) t(i)
            ) TO '{Items}' (FORMAT parquet)
            """);
        Execute($"COPY (SELECT * FROM '{Items}') TO '{Path.Combine(Directory, "items.csv")}' (FORMAT csv, HEADER true)");
        Execute($"COPY (SELECT * FROM '{Items}') TO '{Path.Combine(Directory, "items.ndjson")}' (FORMAT json)");
        Execute($"""
            COPY (
                SELECT i AS id, CAST(i % 10 AS INTEGER) AS grp,
                       CASE WHEN i % 9 = 0 THEN NULL ELSE CAST((i * 7) % 50 AS INTEGER) END AS val,
                       'n' || (i % 777) AS name
                FROM range(1, 100001) t(i)
            ) TO '{Big}' (FORMAT parquet)
            """);
        WritePart(1, 0);

        Gateway = await TestGateway.StartAsync(configure: options => options.Datasets = Datasets());
        await Gateway.DeployAsync(Config());
    }

    public void WritePart(int part, int start) =>
        Execute($"COPY (SELECT i AS id FROM range({start + 1}, {start + 11}) t(i)) TO '{Path.Combine(PartsDirectory, $"part-{part}.parquet")}' (FORMAT parquet)");

    private List<DatasetDefinition> Datasets()
    {
        string[] exposed = ["id", "sku", "region", "qty", "price", "score", "day", "ts", "active"];
        return
        [
            new() { Name = "items", Source = Items, ResolvedSource = Items, Format = DatasetFormat.Parquet, Key = ["id"], Columns = exposed, MaxOffset = 1000, CursorSecret = "a-test-cursor-secret-of-some-length" },
            new() { Name = "items_csv", Source = "items.csv", ResolvedSource = Path.Combine(Directory, "items.csv"), Format = DatasetFormat.Csv, Key = ["id"], Columns = exposed },
            new() { Name = "items_json", Source = "items.ndjson", ResolvedSource = Path.Combine(Directory, "items.ndjson"), Format = DatasetFormat.Json, Key = ["id"], Columns = exposed },
            new() { Name = "big", Source = Big, ResolvedSource = Big, Format = DatasetFormat.Parquet, Key = ["id"], MaxPageSize = 100_000 },
            new() { Name = "parts", Source = "parts/*.parquet", ResolvedSource = Path.Combine(PartsDirectory, "*.parquet"), Format = DatasetFormat.Parquet, Key = ["id"], RefreshIntervalSeconds = 0 },
            new() { Name = "missing", Source = "nowhere.parquet", ResolvedSource = Path.Combine(Directory, "nowhere.parquet"), Format = DatasetFormat.Parquet },
        ];
    }

    private static LakegateConfig Config()
    {
        static RouteDefinition Route(string path, string dataset) => new()
        {
            Method = "GET",
            Path = path,
            Integration = new IntegrationDefinition { Type = IntegrationType.Dataset, Extras = new Dictionary<string, JsonElement> { ["dataset"] = JsonSerializer.SerializeToElement(dataset) } },
        };

        return new LakegateConfig
        {
            Apis =
            [
                new ApiDefinition
                {
                    Id = "lake",
                    Routes =
                    [
                        Route("/items", "items"), Route("/items/{id}", "items"), Route("/csv", "items_csv"), Route("/json", "items_json"),
                        Route("/big", "big"), Route("/parts", "parts"), Route("/missing", "missing"),
                    ],
                },
            ],
            Stages = [new StageDefinition { ApiId = "lake", Name = "t" }],
        };
    }

    /// <summary>Runs SQL in a fresh, unrestricted DuckDB (the reference the gateway is compared with).</summary>
    public static List<object?[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static void Execute(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
