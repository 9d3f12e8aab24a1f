using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lakegate.Core.Signing;
using static Lakegate.Gateway.Tests.Aws.AwsRoutes;

namespace Lakegate.Gateway.Tests.Aws;

/// <summary>
/// Kinesis PutRecord and PutRecords through a real gateway against kinesalite, with API Gateway's recipe (Content-Type
/// mapped to application/x-amz-json-1.1, Data base64-encoded by the template). The records are read back with
/// GetShardIterator/GetRecords by a separate client.
/// </summary>
public sealed class KinesisIntegrationTests : IAsyncLifetime
{
    private readonly string _stream = "events-" + Guid.NewGuid().ToString("N")[..8];
    private readonly HttpClient _kinesis = new() { Timeout = TimeSpan.FromSeconds(30) };
    private AwsGateway _gateway = null!;
    private VerifyingProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        await CallKinesisAsync("CreateStream", new JsonObject { ["StreamName"] = _stream, ["ShardCount"] = 1 });
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((string?)(await CallKinesisAsync("DescribeStream", new JsonObject { ["StreamName"] = _stream }))["StreamDescription"]!["StreamStatus"] != "ACTIVE")
        {
            await Task.Delay(50, wait.Token);
        }

        var contentType = new Dictionary<string, string> { ["integration.request.header.Content-Type"] = "'application/x-amz-json-1.1'" };
        var errors = Response("400", pattern: "4\\d{2}", template: "{\"error\": \"$input.path('$.__type')\"}");
        var routes = new[]
        {
            Route("POST /streams/{stream}/record", "arn:aws:apigateway:us-east-1:kinesis:action/PutRecord",
                """{"StreamName": "$input.params('stream')", "Data": "$util.base64Encode($input.json('$.Data'))", "PartitionKey": "$input.path('$.PartitionKey')"}""",
                requestParameters: contentType,
                responses: [Response("200", template: "{\"shard\": \"$input.path('$.ShardId')\", \"sequence\": \"$input.path('$.SequenceNumber')\"}"), errors]),
            Route("PUT /streams/{stream}/records", "arn:aws:apigateway:us-east-1:kinesis:action/PutRecords",
                """{"StreamName": "$input.params('stream')", "Records": [#foreach($r in $input.path('$.records')){"Data": "$util.base64Encode($r.data)", "PartitionKey": "$r.key"}#if($foreach.hasNext), #end#end]}""",
                requestParameters: contentType,
                responses: [Response("200", template: "{\"failed\": $input.path('$.FailedRecordCount'), \"count\": $input.path('$.Records').size()}"), errors]),
        };

        // Through a proxy that checks every signature with aws4 (kinesalite checks none).
        _proxy = await VerifyingProxy.StartAsync(AwsEmulators.Kinesis);
        _gateway = await AwsGateway.StartAsync(AwsGateway.Aws(new Dictionary<string, string> { ["kinesis"] = _proxy.Url }), Config("kin", routes));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _proxy.DisposeAsync();
        await CallKinesisAsync("DeleteStream", new JsonObject { ["StreamName"] = _stream });
        _kinesis.Dispose();
    }

    [Fact]
    public async Task PutRecord_ThroughTemplate_LandsInTheStream()
    {
        using var response = await _gateway.Client.PostAsync($"/kin/v1/streams/{_stream}/record",
            new StringContent("{\"Data\": {\"temp\": 21.5, \"room\": \"lab\"}, \"PartitionKey\": \"lab\"}", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonNode.Parse(body)!;
        Assert.StartsWith("shardId-", (string)result["shard"]!, StringComparison.Ordinal);

        var records = await ReadAllAsync();
        var record = Assert.Single(records);
        Assert.Equal("lab", (string)record["PartitionKey"]!);
        Assert.Equal((string)result["sequence"]!, (string)record["SequenceNumber"]!);
        var data = JsonNode.Parse(Convert.FromBase64String((string)record["Data"]!))!;
        Assert.Equal(21.5, (double)data["temp"]!);
        Assert.Equal("lab", (string)data["room"]!);
        await _proxy.AssertAllVerifiedAsync();
    }

    [Fact]
    public async Task PutRecords_Batch_LandsInOrder()
    {
        using var response = await _gateway.Client.PutAsync($"/kin/v1/streams/{_stream}/records",
            new StringContent("{\"records\": [{\"data\": \"one\", \"key\": \"a\"}, {\"data\": \"two\", \"key\": \"b\"}, {\"data\": \"three ✓\", \"key\": \"a\"}]}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, result.GetProperty("failed").GetInt32());
        Assert.Equal(3, result.GetProperty("count").GetInt32());

        var records = await ReadAllAsync();
        Assert.Equal(["one", "two", "three ✓"], records.Select(r => Encoding.UTF8.GetString(Convert.FromBase64String((string)r["Data"]!))).ToArray());
        Assert.Equal(["a", "b", "a"], records.Select(r => (string)r["PartitionKey"]!).ToArray());
        await _proxy.AssertAllVerifiedAsync();
    }

    [Fact]
    public async Task PutRecord_UnknownStream_MapsTheServiceError()
    {
        using var response = await _gateway.Client.PostAsync("/kin/v1/streams/no-such-stream/record",
            new StringContent("{\"Data\": 1, \"PartitionKey\": \"k\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ResourceNotFoundException", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        _gateway.AssertNoSecretInLogs();
    }

    private async Task<List<JsonNode>> ReadAllAsync()
    {
        var shard = (string)(await CallKinesisAsync("DescribeStream", new JsonObject { ["StreamName"] = _stream }))["StreamDescription"]!["Shards"]![0]!["ShardId"]!;
        var iterator = (string?)(await CallKinesisAsync("GetShardIterator", new JsonObject
        {
            ["StreamName"] = _stream,
            ["ShardId"] = shard,
            ["ShardIteratorType"] = "TRIM_HORIZON",
        }))["ShardIterator"];
        var records = (await CallKinesisAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator }))["Records"]!.AsArray();
        return [.. records.Select(r => r!)];
    }

    // A separate client: plain HTTP with the JSON 1.1 protocol, signed (kinesalite wants an Authorization header).
    private async Task<JsonNode> CallKinesisAsync(string action, JsonObject body)
    {
        var payload = Encoding.UTF8.GetBytes(body.ToJsonString());
        var uri = new Uri(AwsEmulators.Kinesis + "/");
        var headers = new List<KeyValuePair<string, string>>
        {
            new("host", uri.Authority),
            new("content-type", "application/x-amz-json-1.1"),
            new("x-amz-target", "Kinesis_20131202." + action),
        };
        var now = DateTimeOffset.UtcNow;
        var signed = SigV4.SignHeaders(new SigningRequest("POST", "/", "", headers, SigV4.HashPayload(payload)), ["content-type", "x-amz-target"],
            new AwsCredentials("test", "test"), SigningScope.For(now, "us-east-1", "kinesis"), now, CanonicalUriStyle.Standard);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "Kinesis_20131202." + action);
        foreach (var (name, value) in signed)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _kinesis.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"kinesalite {action}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }
}
