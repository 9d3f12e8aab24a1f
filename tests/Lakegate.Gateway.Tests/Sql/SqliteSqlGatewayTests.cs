using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;
using Lakegate.Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Lakegate.Gateway.Tests.Sql;

/// <summary>
/// sql routes over a real SQLite file made here, served by a real listening gateway loaded from
/// lakegate.yaml text. Answers are compared with what SQLite itself returns for the same query.
/// </summary>
public sealed class SqliteSqlGatewayTests : IAsyncLifetime
{
    private static readonly string[] Regions = ["eu", "us", "ap"];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lakegate-sql-" + Guid.NewGuid().ToString("N"));
    private TestGateway _gateway = null!;

    private string Database => Path.Combine(_directory, "shop.db");

    private HttpClient Client => _gateway.Client;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        using (var connection = new SqliteConnection($"Data Source={Database}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            var sql = new StringBuilder("CREATE TABLE items (id INTEGER PRIMARY KEY, sku TEXT NOT NULL, region TEXT, qty INTEGER, price REAL, active INTEGER);");
            for (var i = 1; i <= 60; i++)
            {
                sql.Append($"INSERT INTO items VALUES ({i}, 'SKU-{i:000}', '{Regions[i % 3]}', {i * 7 % 50}, {i * 1.25}, {i % 2});");
            }

            command.CommandText = sql.ToString();
            command.ExecuteNonQuery();
        }

        var config = Load(Yaml(Database));
        _gateway = await TestGateway.StartAsync(configure: o => o.Sql = config.Sql);
        await _gateway.DeployAsync(config);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    internal static LakegateConfig Load(string yaml)
    {
        var result = DefinitionLoader.LoadText(yaml, "lakegate.yaml");
        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        return result.Config!;
    }

    private static string Yaml(string database) => $$"""
        version: 1
        sql:
          connections:
            shop:
              provider: sqlite
              connectionString: "Data Source={{database}};Mode=ReadOnly"
              statementTimeoutSeconds: 5
            slowdb:
              provider: sqlite
              connectionString: "Data Source={{database}};Mode=ReadOnly"
              statementTimeoutSeconds: 1
          queries:
            by_region:
              connection: shop
              sql: SELECT id, sku, qty, price FROM items WHERE region = @region AND qty >= @min_qty ORDER BY id
              parameters:
                region: { from: query, required: true }
                min_qty: { from: query, type: integer, default: "0" }
            item:
              connection: shop
              sql: SELECT id, sku, price FROM items WHERE sku = @sku
              single: true
              parameters:
                sku: { from: path }
            search:
              connection: shop
              sql: SELECT id, sku FROM items WHERE region = @region AND active = @active ORDER BY id LIMIT @limit
              parameters:
                region: { from: body, required: true }
                active: { from: body, type: boolean, required: true }
                limit: { from: body, type: integer, default: "10" }
            by_header:
              connection: shop
              sql: SELECT count(*) AS n FROM items WHERE region = @region
              parameters:
                region: { from: header, name: X-Region, required: true }
            capped:
              connection: shop
              sql: SELECT id FROM items ORDER BY id
              maxRows: 5
            forever:
              connection: slowdb
              sql: WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) AS m FROM c
        apis:
          - id: shop
            routes:
              - route: GET /items
                integration: { type: sql, query: by_region }
              - route: GET /items/{sku}
                integration: { type: sql, query: item }
              - route: POST /search
                integration: { type: sql, query: search }
              - route: GET /count
                integration: { type: sql, query: by_header }
              - route: GET /capped
                integration: { type: sql, query: capped }
              - route: GET /forever
                integration: { type: sql, query: forever }
            stages:
              - name: v1
        """;

    /// <summary>What SQLite itself answers, as JSON-shaped rows.</summary>
    private List<Dictionary<string, object?>> Direct(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static string Json(List<Dictionary<string, object?>> rows) => JsonSerializer.Serialize(rows);

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.True(body.TryGetProperty("details", out _));
        Assert.True(body.TryGetProperty("hint", out _));
        return body;
    }

    [Fact]
    public async Task QueryParameters_AreBoundTyped_AndAnswerWhatSqliteAnswers()
    {
        var expected = Direct("SELECT id, sku, qty, price FROM items WHERE region = 'eu' AND qty >= 20 ORDER BY id");
        Assert.NotEmpty(expected);

        using var response = await Client.GetAsync("/shop/v1/items?region=eu&min_qty=20");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Json(expected), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DefaultValue_AppliesWhenTheParameterIsAbsent()
    {
        var expected = Direct("SELECT id, sku, qty, price FROM items WHERE region = 'us' AND qty >= 0 ORDER BY id");

        using var response = await Client.GetAsync("/shop/v1/items?region=us");

        Assert.Equal(Json(expected), await response.Content.ReadAsStringAsync());
        Assert.Equal(20, expected.Count);
    }

    [Fact]
    public async Task NdjsonAndCsv_ReadBackToTheSameRows()
    {
        var expected = Direct("SELECT id, sku, qty, price FROM items WHERE region = 'ap' AND qty >= 10 ORDER BY id");

        using var ndjsonRequest = new HttpRequestMessage(HttpMethod.Get, "/shop/v1/items?region=ap&min_qty=10");
        ndjsonRequest.Headers.Accept.ParseAdd("application/x-ndjson");
        using var ndjson = await Client.SendAsync(ndjsonRequest);
        Assert.Equal("application/x-ndjson", ndjson.Content.Headers.ContentType!.MediaType);
        var lines = (await ndjson.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal(expected.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Equal(JsonSerializer.Serialize(expected[i]), lines[i]);
        }

        using var csv = await Client.GetAsync("/shop/v1/items?region=ap&min_qty=10&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var csvLines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,sku,qty,price", csvLines[0]);
        Assert.Equal(expected.Count + 1, csvLines.Length);
        for (var i = 0; i < expected.Count; i++)
        {
            var row = expected[i];
            Assert.Equal(string.Join(',', row["id"], row["sku"], row["qty"], ((double)row["price"]!).ToString("R", System.Globalization.CultureInfo.InvariantCulture)), csvLines[i + 1]);
        }
    }

    [Fact]
    public async Task UnacceptableFormat_Is406()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/shop/v1/items?region=eu");
        request.Headers.Accept.ParseAdd("application/xml");
        using var response = await Client.SendAsync(request);

        await ErrorAsync(response, HttpStatusCode.NotAcceptable, "LGD107");
    }

    [Fact]
    public async Task ValueOfTheWrongType_Is400NamingTheParameter()
    {
        using var response = await Client.GetAsync("/shop/v1/items?region=eu&min_qty=ten");

        var body = await ErrorAsync(response, HttpStatusCode.BadRequest, "LGS101");
        Assert.Contains("'min_qty'", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("integer", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingRequiredParameter_Is400()
    {
        using var response = await Client.GetAsync("/shop/v1/items?min_qty=1");

        var body = await ErrorAsync(response, HttpStatusCode.BadRequest, "LGS100");
        Assert.Contains("'region'", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InjectionAttempt_IsJustAValueThatMatchesNothing()
    {
        using var list = await Client.GetAsync("/shop/v1/items?region=" + Uri.EscapeDataString("eu' OR 1=1 --"));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("[]", await list.Content.ReadAsStringAsync());

        using var item = await Client.GetAsync("/shop/v1/items/" + Uri.EscapeDataString("x' OR '1'='1"));
        Assert.Equal(HttpStatusCode.NotFound, item.StatusCode);

        // The table is still there and whole.
        Assert.Equal(60, Direct("SELECT id FROM items").Count);
    }

    [Fact]
    public async Task SingleQuery_AnswersAnObject_Or404()
    {
        using var item = await Client.GetAsync("/shop/v1/items/SKU-007");
        Assert.Equal(HttpStatusCode.OK, item.StatusCode);
        Assert.Equal(JsonSerializer.Serialize(Direct("SELECT id, sku, price FROM items WHERE sku = 'SKU-007'")[0]), await item.Content.ReadAsStringAsync());

        using var missing = await Client.GetAsync("/shop/v1/items/SKU-999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task BodyParameters_AreBoundTyped()
    {
        var expected = Direct("SELECT id, sku FROM items WHERE region = 'us' AND active = 1 ORDER BY id LIMIT 4");

        using var response = await Client.PostAsync("/shop/v1/search", new StringContent("""{"region":"us","active":true,"limit":4}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Json(expected), await response.Content.ReadAsStringAsync());
        Assert.Equal(4, expected.Count);
    }

    [Fact]
    public async Task BadBodies_Are400()
    {
        using var wrongType = await Client.PostAsync("/shop/v1/search", new StringContent("""{"region":"us","active":"maybe"}""", Encoding.UTF8, "application/json"));
        var body = await ErrorAsync(wrongType, HttpStatusCode.BadRequest, "LGS101");
        Assert.Contains("'active'", body.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var notJson = await Client.PostAsync("/shop/v1/search", new StringContent("region=us", Encoding.UTF8, "application/json"));
        await ErrorAsync(notJson, HttpStatusCode.BadRequest, "LGS102");

        using var nested = await Client.PostAsync("/shop/v1/search", new StringContent("""{"region":{"x":1},"active":true}""", Encoding.UTF8, "application/json"));
        await ErrorAsync(nested, HttpStatusCode.BadRequest, "LGS102");

        using var missing = await Client.PostAsync("/shop/v1/search", new StringContent("""{"region":"us"}""", Encoding.UTF8, "application/json"));
        await ErrorAsync(missing, HttpStatusCode.BadRequest, "LGS100");
    }

    [Fact]
    public async Task HeaderParameter_IsBound()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/shop/v1/count");
        request.Headers.Add("X-Region", "eu");
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""[{"n":20}]""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MaxRows_CutsTheResult()
    {
        using var response = await Client.GetAsync("/shop/v1/capped");

        Assert.Equal("""[{"id":1},{"id":2},{"id":3},{"id":4},{"id":5}]""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EndlessStatement_IsInterruptedAtTheTimeout_AndTheConnectionStaysUsable()
    {
        var watch = Stopwatch.StartNew();
        using var response = await Client.GetAsync("/shop/v1/forever");
        watch.Stop();

        var body = await ErrorAsync(response, HttpStatusCode.GatewayTimeout, "LGS111");
        Assert.Contains("1 s", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        // Not a timing test: an uninterrupted recursive CTE never ends, so any answer at all proves the interrupt.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(25), $"answered after {watch.Elapsed}");

        using var after = await Client.GetAsync("/shop/v1/items?region=eu&min_qty=49");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
