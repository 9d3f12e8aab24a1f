using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using static Lakegate.Gateway.Tests.Aws.AwsRoutes;

namespace Lakegate.Gateway.Tests.Aws;

/// <summary>
/// SQS SendMessage in API Gateway's three shapes (path URI with a form body, action URI, JSON protocol). There is no
/// SQS emulator here: the backend is verify-proxy.mjs, which checks the SigV4 signature with aws4, records the request
/// and answers like SendMessage. This proves the calls are signed correctly and shaped as the query and JSON protocols
/// say; it does not prove anything about SQS's own behaviour (queues, visibility, limits).
/// </summary>
public sealed class SqsIntegrationTests : IAsyncLifetime
{
    private VerifyingProxy _sqs = null!;
    private AwsGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _sqs = await VerifyingProxy.StartAsync(upstream: null);
        var queueUrl = _sqs.Url + "/123456789012/orders";
        var form = new Dictionary<string, string> { ["integration.request.header.Content-Type"] = "'application/x-www-form-urlencoded'" };
        var ok = Response("200", template: "{\"queued\": true}");
        var errors = Response("400", pattern: "4\\d{2}", template: "{\"message\": \"queue refused the message\"}");
        var routes = new[]
        {
            Route("POST /orders", "arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders",
                "Action=SendMessage&MessageBody=$util.urlEncode($input.body)", requestParameters: form, responses: [ok, errors]),
            Route("POST /orders-field", "arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders",
                "Action=SendMessage&MessageBody=$!util.urlEncode($input.path('$.message'))", requestParameters: form, responses: [ok, errors]),
            Route("POST /orders-action", "arn:aws:apigateway:us-east-1:sqs:action/SendMessage",
                "QueueUrl=$util.urlEncode($stageVariables.queue)&MessageBody=$util.urlEncode($input.body)", requestParameters: form, responses: [ok, errors]),
            Route("POST /orders-json", "arn:aws:apigateway:us-east-1:sqs:action/SendMessage",
                "{\"QueueUrl\": \"$stageVariables.queue\", \"MessageBody\": \"$util.escapeJavaScript($input.body)\"}",
                requestParameters: new Dictionary<string, string> { ["integration.request.header.Content-Type"] = "'application/x-amz-json-1.0'" },
                responses: [Response("200", template: "{\"id\": \"$input.path('$.MessageId')\", \"md5\": \"$input.path('$.MD5OfMessageBody')\"}"), errors]),
        };

        var config = Config("sqs", routes) with
        {
            Stages = [new Core.Definitions.StageDefinition { ApiId = "sqs", Name = "v1", Variables = new Dictionary<string, string> { ["queue"] = queueUrl } }],
        };
        _gateway = await AwsGateway.StartAsync(AwsGateway.Aws(new Dictionary<string, string> { ["sqs"] = _sqs.Url }), config);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _sqs.DisposeAsync();
    }

    [Fact]
    public async Task SendMessage_PathUriWithFormBody_IsSignedAndCarriesTheBody()
    {
        const string order = "{\"order\": 42, \"note\": \"a&b=c ü\"}";
        using var response = await _gateway.Client.PostAsync("/sqs/v1/orders", new StringContent(order, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"queued\": true}", await response.Content.ReadAsStringAsync());
        var sent = Assert.Single(await _sqs.RequestsAsync());
        Assert.True(sent.GetProperty("verified").GetBoolean(), sent.GetProperty("reason").ToString());
        Assert.Equal("POST", sent.GetProperty("method").GetString());
        Assert.Equal("/123456789012/orders", sent.GetProperty("url").GetString());
        Assert.Equal("application/x-www-form-urlencoded", sent.GetProperty("headers").GetProperty("content-type").GetString());
        var fields = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(Convert.FromBase64String(sent.GetProperty("body").GetString()!)));
        Assert.Equal("SendMessage", fields["Action"]);
        Assert.Equal(order, fields["MessageBody"]);
    }

    [Fact]
    public async Task SendMessage_ActionUri_PutsActionAndVersionInTheQuery()
    {
        using var response = await _gateway.Client.PostAsync("/sqs/v1/orders-action", new StringContent("hello queue", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await _sqs.RequestsAsync());
        Assert.True(sent.GetProperty("verified").GetBoolean(), sent.GetProperty("reason").ToString());
        Assert.Equal("/?Action=SendMessage&Version=2012-11-05", sent.GetProperty("url").GetString());
        var fields = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(Convert.FromBase64String(sent.GetProperty("body").GetString()!)));
        Assert.Equal("hello queue", fields["MessageBody"]);
        Assert.EndsWith("/123456789012/orders", fields["QueueUrl"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_JsonProtocol_UsesTheAmazonSqsTarget()
    {
        const string message = "line 1\nline \"2\"";
        using var response = await _gateway.Client.PostAsync("/sqs/v1/orders-json", new StringContent(message, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
#pragma warning disable CA5351 // SQS's MD5OfMessageBody is MD5 by definition
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(message))), json.RootElement.GetProperty("md5").GetString());
#pragma warning restore CA5351
        var sent = Assert.Single(await _sqs.RequestsAsync());
        Assert.True(sent.GetProperty("verified").GetBoolean(), sent.GetProperty("reason").ToString());
        Assert.Equal("AmazonSQS.SendMessage", sent.GetProperty("headers").GetProperty("x-amz-target").GetString());
        Assert.Equal("application/x-amz-json-1.0", sent.GetProperty("headers").GetProperty("content-type").GetString());
    }

    [Fact]
    public async Task SendMessage_EmptyMessage_QueueError400_IsMapped()
    {
        using var response = await _gateway.Client.PostAsync("/sqs/v1/orders-field", new StringContent("{\"other\": 1}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("{\"message\": \"queue refused the message\"}", await response.Content.ReadAsStringAsync());
        _gateway.AssertNoSecretInLogs();
    }
}
