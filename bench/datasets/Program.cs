// Dataset bench: Lakegate (a separate `lakegate serve` process, over HTTP) against DuckDB running
// the same SQL in this process, alternately, on a generated 10,000,000-row Parquet file.
//   point     GET /items/{id}                                   vs  SELECT * ... WHERE id = $1
//   filtered  select=sku,qty,price&region=eq.eu&qty=gte.900&order=price.desc&limit=100
//                                                               vs  the same SELECT ... ORDER BY ... LIMIT 100
//   stream    1,000,000 rows as NDJSON (format=ndjson)          vs  DuckDB's own COPY ... (FORMAT json) to a file
// The gateway's resident memory is sampled every 20 ms while it streams.
// Usage: dotnet run -c Release --project bench/datasets -- [rounds]   (run from the repository root)
using System.Diagnostics;
using System.Globalization;
using System.Net;
using DuckDB.NET.Data;

var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var dir = Path.Combine(Path.GetTempPath(), "lakegate-bench-datasets");
Directory.CreateDirectory(dir);
var file = Path.Combine(dir, "ds.parquet");
if (!File.Exists(file))
{
    Console.WriteLine("generating 10,000,000 rows ...");
    Exec($"""
        COPY (SELECT i AS id, printf('SKU-%08d', i) AS sku, ['eu','us','ap','sa'][1 + i % 4] AS region,
                     CAST((i * 7919) % 1000 AS INTEGER) AS qty, CAST(((i * 104729) % 100000) / 100.0 AS DECIMAL(10,2)) AS price,
                     TIMESTAMP '2026-01-01' + to_seconds(CAST(i AS BIGINT)) AS ts
              FROM range(1, 10000001) t(i)) TO '{file}' (FORMAT parquet, ROW_GROUP_SIZE 122880)
        """);
}

var config = Path.Combine(dir, "lakegate.yaml");
File.WriteAllText(config, $"""
    version: 1
    server: {"{"} accessLog: false, throttle: {"{"} rateLimit: 10000000, burstLimit: 10000000 {"}"} {"}"}
    datasets:
      - {"{"} name: items, source: {file}, key: id, maxPageSize: 1000000, memoryLimit: 1GB, threads: 2 {"}"}
    apis:
      - id: b
        routes:
          - {"{"} route: GET /items, integration: {"{"} type: dataset, dataset: items {"}"} {"}"}
          - {"{"} route: "GET /items/{"{"}id{"}"}", integration: {"{"} type: dataset, dataset: items {"}"} {"}"}
        stages: [{"{"} name: t {"}"}]
    """);

var port = FreePort();
var dll = Path.GetFullPath("src/Lakegate/bin/Release/net10.0/lakegate.dll");
if (!File.Exists(dll))
{
    Console.Error.WriteLine($"build first: dotnet build src/Lakegate -c Release ({dll} missing)");
    return 2;
}

using var gateway = Process.Start(new ProcessStartInfo("dotnet", $"{dll} serve --config {config} --store memory --urls http://127.0.0.1:{port}")
{
    RedirectStandardOutput = true,
    RedirectStandardError = true,
})!;
gateway.OutputDataReceived += (_, _) => { };
gateway.ErrorDataReceived += (_, _) => { };
gateway.BeginOutputReadLine();
gateway.BeginErrorReadLine();
try
{
    using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 4 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/b/t/"), Timeout = TimeSpan.FromMinutes(5) };
    for (var i = 0; ; i++)
    {
        try
        {
            using var ready = await http.GetAsync("items/1");
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                break;
            }
        }
        catch (HttpRequestException)
        {
        }

        if (i > 600)
        {
            throw new TimeoutException("gateway did not start");
        }

        await Task.Delay(100);
    }

    using var duck = new DuckDBConnection("Data Source=:memory:");
    duck.Open();
    ExecOn(duck, "SET threads = 2; SET memory_limit = '1GB'; SET TimeZone = 'UTC'");
    ExecOn(duck, $"CREATE VIEW items AS SELECT * FROM read_parquet(['{file}'])");

    var random = new Random(7);
    const string filteredQuery = "items?select=sku,qty,price&region=eq.eu&qty=gte.900&order=price.desc&limit=100";
    const string filteredSql = "SELECT sku, qty, price, price, id FROM items WHERE region = $1 AND qty >= $2 ORDER BY price DESC NULLS FIRST, id ASC NULLS LAST LIMIT 101";

    var point = (duck: new List<double>(), lake: new List<double>());
    var filtered = (duck: new List<double>(), lake: new List<double>());
    var stream = (duck: new List<double>(), lake: new List<double>());
    long peakRss = 0, baseRss = 0;
    var rssSamples = new List<long>();

    // Warm both sides once.
    await LakeAsync(http, filteredQuery);
    DuckRows(duck, filteredSql, "eu", 900);

    for (var round = 1; round <= rounds; round++)
    {
        for (var i = 0; i < 30; i++)
        {
            var id = random.NextInt64(1, 10_000_001);
            point.duck.Add(Time(() => DuckRows(duck, "SELECT * FROM items WHERE id = CAST($1 AS BIGINT) LIMIT 2", id)));
            point.lake.Add(await TimeAsync(() => LakeAsync(http, $"items/{id}")));
        }

        for (var i = 0; i < 10; i++)
        {
            filtered.duck.Add(Time(() => DuckRows(duck, filteredSql, "eu", 900)));
            filtered.lake.Add(await TimeAsync(() => LakeAsync(http, filteredQuery)));
        }

        var output = Path.Combine(dir, "export.ndjson");
        stream.duck.Add(Time(() => ExecOn(duck, $"COPY (SELECT * FROM items WHERE id <= 1000000 ORDER BY id) TO '{output}' (FORMAT json)")));
        baseRss = Rss(gateway.Id);
        using (var sampler = new CancellationTokenSource())
        {
            var sampling = Task.Run(async () =>
            {
                while (!sampler.IsCancellationRequested)
                {
                    rssSamples.Add(Rss(gateway.Id));
                    await Task.Delay(20);
                }
            });
            stream.lake.Add(await TimeAsync(() => LakeAsync(http, "items?id=lte.1000000&limit=1000000&format=ndjson", expectLines: 1_000_000)));
            sampler.Cancel();
            await sampling;
        }

        peakRss = Math.Max(peakRss, rssSamples.Max());
        Console.WriteLine($"round {round}: point {Median(point.lake):0.00}/{Median(point.duck):0.00} ms, filtered {Median(filtered.lake):0.00}/{Median(filtered.duck):0.00} ms, " +
            $"stream {stream.lake[^1]:0}/{stream.duck[^1]:0} ms, gateway RSS before stream {baseRss / 1048576} MiB, peak {rssSamples.Max() / 1048576} MiB");
        rssSamples.Clear();
    }

    Console.WriteLine();
    Console.WriteLine("| measure | Lakegate (HTTP) | DuckDB in-process | ratio | target |");
    Console.WriteLine("|---|---:|---:|---:|---|");
    Console.WriteLine($"| point lookup, median | {Median(point.lake):0.00} ms | {Median(point.duck):0.00} ms | {Median(point.lake) / Median(point.duck):0.00}x | |");
    var limit = 1.3 * Median(filtered.duck) + 1;
    Console.WriteLine($"| filtered + ORDER BY + LIMIT 100, median | {Median(filtered.lake):0.00} ms | {Median(filtered.duck):0.00} ms | {Median(filtered.lake) / Median(filtered.duck):0.00}x | ≤ 1.3x + 1 ms = {limit:0.00} ms: {(Median(filtered.lake) <= limit ? "met" : "not met")} |");
    var lakeRate = 1_000_000 / (Median(stream.lake) / 1000);
    var duckRate = 1_000_000 / (Median(stream.duck) / 1000);
    Console.WriteLine($"| 1,000,000 rows NDJSON, median | {lakeRate:0} rows/s | {duckRate:0} rows/s (COPY to file) | {lakeRate / duckRate:0.00} | ≥ 0.70: {(lakeRate / duckRate >= 0.7 ? "met" : "not met")} |");
    Console.WriteLine($"| gateway RSS while streaming | peak {peakRss / 1048576} MiB (before: {baseRss / 1048576} MiB) | | | flat |");
    return 0;
}
finally
{
    gateway.Kill(entireProcessTree: true);
}

static async Task LakeAsync(HttpClient http, string path, int expectLines = -1)
{
    using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    await using var body = await response.Content.ReadAsStreamAsync();
    var buffer = new byte[81920];
    long lines = 0;
    int read;
    while ((read = await body.ReadAsync(buffer)) > 0)
    {
        if (expectLines > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
    }

    if (expectLines > 0 && lines != expectLines)
    {
        throw new InvalidOperationException($"expected {expectLines} lines, got {lines}");
    }
}

static int DuckRows(DuckDBConnection connection, string sql, params object[] parameters)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.UseStreamingMode = true;
    foreach (var p in parameters)
    {
        command.Parameters.Add(new DuckDBParameter(p));
    }

    using var reader = command.ExecuteReader();
    var rows = 0;
    var values = new object[reader.FieldCount];
    while (reader.Read())
    {
        reader.GetValues(values);
        rows++;
    }

    return rows;
}

static double Time(Action action)
{
    var start = Stopwatch.GetTimestamp();
    action();
    return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

static async Task<double> TimeAsync(Func<Task> action)
{
    var start = Stopwatch.GetTimestamp();
    await action();
    return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static long Rss(int pid)
{
    foreach (var line in File.ReadLines($"/proc/{pid}/status"))
    {
        if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
        {
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
    }

    return 0;
}

static int FreePort()
{
    var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}

static void Exec(string sql)
{
    using var connection = new DuckDBConnection("Data Source=:memory:");
    connection.Open();
    ExecOn(connection, sql);
}

static void ExecOn(DuckDBConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}
