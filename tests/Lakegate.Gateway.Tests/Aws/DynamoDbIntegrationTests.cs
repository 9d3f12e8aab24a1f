using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using static Lakegate.Gateway.Tests.Aws.AwsRoutes;

namespace Lakegate.Gateway.Tests.Aws;

/// <summary>
/// DynamoDB actions through a real gateway against dynalite: VTL builds PutItem/GetItem/Query/Scan, the gateway signs
/// and sends them with X-Amz-Target, integration responses reshape the answers and map service errors. The table is
/// created and read back with AWSSDK.DynamoDBv2, independently of the gateway.
/// </summary>
public sealed class DynamoDbIntegrationTests : IAsyncLifetime
{
    private readonly string _table = "items-" + Guid.NewGuid().ToString("N")[..8];
    private AmazonDynamoDBClient _sdk = null!;
    private AwsGateway _gateway = null!;
    private VerifyingProxy _proxy = null!;

    private const string Uri = "arn:aws:apigateway:us-east-1:dynamodb:action/";

    // Accepts connections and never answers: the integration timeout must end the call.
    private readonly System.Net.Sockets.TcpListener _silent = new(IPAddress.Loopback, 0);

    public async Task InitializeAsync()
    {
        _sdk = new AmazonDynamoDBClient(new BasicAWSCredentials("sdk", "sdk"), new AmazonDynamoDBConfig
        {
            ServiceURL = AwsEmulators.DynamoDb,
            AuthenticationRegion = "us-east-1",
        });
        await _sdk.CreateTableAsync(new CreateTableRequest
        {
            TableName = _table,
            KeySchema = [new("category", KeyType.HASH), new("sku", KeyType.RANGE)],
            AttributeDefinitions = [new("category", ScalarAttributeType.S), new("sku", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((await _sdk.DescribeTableAsync(_table, wait.Token)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(50, wait.Token);
        }

        var item = "{\"sku\": \"$input.params('sku')\", \"name\": \"$util.escapeJavaScript($input.path('$.Item.name.S'))\", \"qty\": $input.path('$.Item.qty.N')}";
        var errors = Response("400", pattern: "4\\d{2}", template: "{\"error\": \"$input.path('$.__type')\", \"message\": \"$util.escapeJavaScript($input.path('$.message'))\"}");
        var slow = Route("GET /slow", "arn:aws:apigateway:us-east-1:firehose:action/PutRecord", "{}", responses: [Response("200")]);
        var routes = new[]
        {
            Route("PUT /items/{category}/{sku}", Uri + "PutItem",
                """{"TableName": "TABLE", "Item": {"category": {"S": "$input.params('category')"}, "sku": {"S": "$input.params('sku')"}, "name": {"S": "$util.escapeJavaScript($input.path('$.name'))"}, "qty": {"N": "$input.path('$.qty')"}}}""".Replace("TABLE", _table, StringComparison.Ordinal),
                responses: [Response("201", template: "{\"stored\": \"$input.params('sku')\"}"), errors]),
            Route("GET /items/{category}/{sku}", Uri + "GetItem",
                """{"TableName": "TABLE", "Key": {"category": {"S": "$input.params('category')"}, "sku": {"S": "$input.params('sku')"}}}""".Replace("TABLE", _table, StringComparison.Ordinal),
                responses: [Response("200", template: "#set($found = $input.path('$.Item'))#if(\"$!found\" == \"\")#set($context.responseOverride.status = 404){\"message\": \"no such item\"}#else" + item + "#end"), errors]),
            Route("GET /items/{category}", Uri + "Query",
                """{"TableName": "TABLE", "KeyConditionExpression": "category = :c", "ExpressionAttributeValues": {":c": {"S": "$input.params('category')"}}#if($input.params('limit') != ""), "Limit": $input.params('limit')#end}""".Replace("TABLE", _table, StringComparison.Ordinal),
                responses: [Response("200", template: "{\"count\": $input.path('$.Count'), \"skus\": [#foreach($i in $input.path('$.Items'))\"$i.sku.S\"#if($foreach.hasNext), #end#end]}"), errors]),
            Route("GET /all", Uri + "Scan", """{"TableName": "TABLE"}""".Replace("TABLE", _table, StringComparison.Ordinal),
                responses: [Response("200", template: "{\"count\": $input.path('$.Count')}"), errors]),
            Route("GET /missing-table", Uri + "GetItem",
                """{"TableName": "no-such-table", "Key": {"category": {"S": "x"}, "sku": {"S": "y"}}}""",
                responses: [Response("200"), errors]),
            Route("GET /raw/{category}", Uri + "Query",
                """{"TableName": "TABLE", "KeyConditionExpression": "category = :c", "ExpressionAttributeValues": {":c": {"S": "$input.params('category')"}}}""".Replace("TABLE", _table, StringComparison.Ordinal),
                responses: [Response("200")]),
            Route("GET /unreachable", "arn:aws:apigateway:us-east-1:states:action/StartExecution", "{}", responses: [Response("200")]),
            slow with { Integration = slow.Integration with { TimeoutInMillis = 300 } },
            Route("GET /undeclared-credentials", Uri + "Scan", """{"TableName": "TABLE"}""".Replace("TABLE", _table, StringComparison.Ordinal), credentials: "nobody", responses: [Response("200")]),
        };

        // The gateway reaches dynalite through a proxy that checks every signature with aws4 (dynalite checks none).
        _proxy = await VerifyingProxy.StartAsync(AwsEmulators.DynamoDb);
        _silent.Start();
        _gateway = await AwsGateway.StartAsync(
            AwsGateway.Aws(new Dictionary<string, string> { ["dynamodb"] = _proxy.Url, ["states"] = "http://127.0.0.1:" + ClosedPort(),
                ["firehose"] = "http://127.0.0.1:" + ((IPEndPoint)_silent.LocalEndpoint).Port }),
            Config("ddb", routes));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _proxy.DisposeAsync();
        _silent.Dispose();
        await _sdk.DeleteTableAsync(_table);
        _sdk.Dispose();
    }

    [Fact]
    public async Task PutItem_ThroughTemplate_StoresTheItemInTheTable()
    {
        using var put = await _gateway.Client.PutAsync("/ddb/v1/items/tools/sku-1", Json("{\"name\": \"Hammer \\\"XL\\\"\", \"qty\": 7}"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("{\"stored\": \"sku-1\"}", await put.Content.ReadAsStringAsync());

        // Read back with the AWS SDK: the item the template built is in the table.
        var item = (await _sdk.GetItemAsync(_table, new() { ["category"] = new("tools"), ["sku"] = new("sku-1") })).Item;
        Assert.Equal("Hammer \"XL\"", item["name"].S);
        Assert.Equal("7", item["qty"].N);
        await _proxy.AssertAllVerifiedAsync();
    }

    [Fact]
    public async Task GetItem_ExistingAndMissing_MapsItemAnd404()
    {
        await _sdk.PutItemAsync(_table, new() { ["category"] = new("garden"), ["sku"] = new("rake"), ["name"] = new("Rake"), ["qty"] = new() { N = "3" } });

        using var found = await _gateway.Client.GetAsync("/ddb/v1/items/garden/rake");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        using var json = JsonDocument.Parse(await found.Content.ReadAsStringAsync());
        Assert.Equal("rake", json.RootElement.GetProperty("sku").GetString());
        Assert.Equal("Rake", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("qty").GetInt32());

        using var missing = await _gateway.Client.GetAsync("/ddb/v1/items/garden/shovel");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Query_ByPartition_ReturnsOnlyThatPartitionInSortOrder()
    {
        foreach (var sku in new[] { "b", "a", "c" })
        {
            await _sdk.PutItemAsync(_table, new() { ["category"] = new("kitchen"), ["sku"] = new(sku), ["name"] = new(sku), ["qty"] = new() { N = "1" } });
        }

        await _sdk.PutItemAsync(_table, new() { ["category"] = new("other"), ["sku"] = new("z"), ["name"] = new("z"), ["qty"] = new() { N = "1" } });

        var all = await _gateway.Client.GetFromJsonAsync<JsonElement>("/ddb/v1/items/kitchen");
        Assert.Equal(3, all.GetProperty("count").GetInt32());
        Assert.Equal(["a", "b", "c"], all.GetProperty("skus").EnumerateArray().Select(s => s.GetString()!).ToArray());

        var limited = await _gateway.Client.GetFromJsonAsync<JsonElement>("/ddb/v1/items/kitchen?limit=2");
        Assert.Equal(2, limited.GetProperty("count").GetInt32());
        await _proxy.AssertAllVerifiedAsync();
        var sent = (await _proxy.RequestsAsync())[^1];
        Assert.Equal("DynamoDB_20120810.Query", sent.GetProperty("headers").GetProperty("x-amz-target").GetString());
        Assert.Equal("application/x-amz-json-1.0", sent.GetProperty("headers").GetProperty("content-type").GetString());
    }

    [Fact]
    public async Task Scan_WithoutTemplateResponse_PassesTheServiceJsonThrough()
    {
        await _sdk.PutItemAsync(_table, new() { ["category"] = new("scan"), ["sku"] = new("s1"), ["name"] = new("S"), ["qty"] = new() { N = "1" } });

        var scan = await _gateway.Client.GetFromJsonAsync<JsonElement>("/ddb/v1/all");
        Assert.True(scan.GetProperty("count").GetInt32() >= 1);

        var raw = await _gateway.Client.GetFromJsonAsync<JsonElement>("/ddb/v1/raw/scan");
        Assert.Equal("s1", raw.GetProperty("Items")[0].GetProperty("sku").GetProperty("S").GetString());
    }

    [Fact]
    public async Task ServiceError_400_SelectsTheMappedErrorResponse()
    {
        using var response = await _gateway.Client.GetAsync("/ddb/v1/missing-table");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("ResourceNotFoundException", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task ServiceValidationError_FromABadTemplateValue_IsMappedNotServed()
    {
        // qty is not a number: DynamoDB answers 400 ValidationException, which the 4\d{2} response maps.
        using var put = await _gateway.Client.PutAsync("/ddb/v1/items/tools/bad", Json("{\"name\": \"x\", \"qty\": \"many\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("ValidationException", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableEndpoint_Answers502GatewayResponse()
    {
        using var response = await _gateway.Client.GetAsync("/ddb/v1/unreachable");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Internal server error", json.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task SilentService_TimeoutInMillis_Answers504()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await _gateway.Client.GetAsync("/ddb/v1/slow");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task UndeclaredCredentials_Answers500WithoutCallingTheService()
    {
        using var response = await _gateway.Client.GetAsync("/ddb/v1/undeclared-credentials");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("nobody", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_NeverInResponsesOrLogs()
    {
        var bodies = new StringBuilder();
        foreach (var path in new[] { "/ddb/v1/items/tools/none", "/ddb/v1/missing-table", "/ddb/v1/unreachable", "/ddb/v1/undeclared-credentials", "/ddb/v1/all" })
        {
            using var response = await _gateway.Client.GetAsync(path);
            bodies.Append(await response.Content.ReadAsStringAsync());
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                bodies.Append(header.Key).Append(string.Join(",", header.Value));
            }
        }

        Assert.DoesNotContain(AwsGateway.Secret, bodies.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AwsGateway.Token, bodies.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(_gateway.Logs.Lines);
        _gateway.AssertNoSecretInLogs();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
