using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using static Lakegate.Gateway.Tests.Aws.AwsRoutes;

namespace Lakegate.Gateway.Tests.Aws;

/// <summary>
/// S3 through path/ URIs against s3rver, which checks every SigV4 signature (so a signing mistake fails here):
/// PutObject and GetObject with binary bodies byte for byte (binaryMediaTypes, contentHandling), keys with spaces,
/// unicode and '+', ListObjectsV2, a bucket-subdomain URI, and NoSuchKey mapped by selectionPattern. Objects are
/// checked with AWSSDK.S3, independently of the gateway.
/// </summary>
public sealed class S3IntegrationTests : IAsyncLifetime
{
    private readonly string _bucket = "lakegate-" + Guid.NewGuid().ToString("N")[..8];
    private AmazonS3Client _sdk = null!;
    private AwsGateway _gateway = null!;
    private VerifyingProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        _sdk = new AmazonS3Client(new BasicAWSCredentials(AwsEmulators.S3rverKey, AwsEmulators.S3rverKey), new AmazonS3Config
        {
            ServiceURL = AwsEmulators.S3,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        });
        await _sdk.PutBucketAsync(_bucket);

        var key = new Dictionary<string, string>
        {
            ["integration.request.path.key"] = "method.request.path.key",
            ["integration.request.header.Content-Type"] = "method.request.header.Content-Type",
        };
        var contentType = new Dictionary<string, string> { ["method.response.header.Content-Type"] = "integration.response.header.Content-Type" };
        var notFound = Response("404", pattern: "404", template: "{\"message\": \"no such object\"}");
        var errors = Response("400", pattern: "4\\d{2}", template: "{\"message\": \"rejected by S3\"}");
        var uri = $"arn:aws:apigateway:us-east-1:s3:path/{_bucket}/{{key}}";
        var routes = new[]
        {
            Route("PUT /files/{key+}", uri, httpMethod: "PUT", requestParameters: key, credentials: "s3rver",
                responses: [Response("200", template: "{\"stored\": \"$input.params('key')\"}"), errors]),
            Route("GET /files/{key+}", uri, httpMethod: "GET", requestParameters: key, credentials: "s3rver",
                responses: [Response("200", parameters: contentType), notFound, errors]),
            Route("GET /base64/{key+}", uri, httpMethod: "GET", requestParameters: key, credentials: "s3rver",
                responses: [Response("200", contentHandling: "CONVERT_TO_TEXT")]),
            Route("GET /files", $"arn:aws:apigateway:us-east-1:s3:path/{_bucket}?list-type=2", httpMethod: "GET", credentials: "s3rver",
                requestParameters: new Dictionary<string, string> { ["integration.request.querystring.prefix"] = "method.request.querystring.prefix" },
                responses: [Response("200", parameters: contentType), errors]),
            Route("GET /sub/{key}", $"arn:aws:apigateway:us-east-1:{_bucket}.s3:path/{{key}}", httpMethod: "GET", credentials: "s3rver",
                requestParameters: new Dictionary<string, string> { ["integration.request.path.key"] = "method.request.path.key" },
                responses: [Response("200", parameters: contentType), notFound]),
            Route("GET /unsigned/{key}", uri, httpMethod: "GET", credentials: "wrong-secret",
                requestParameters: new Dictionary<string, string> { ["integration.request.path.key"] = "method.request.path.key" },
                responses: [Response("200"), Response("403", pattern: "403", template: "{\"message\": \"S3 refused the signature\"}")]),
        };

        // s3rver checks the access key but not the SigV4 signature: a proxy checks every signature with aws4 first.
        _proxy = await VerifyingProxy.StartAsync(AwsEmulators.S3);
        var aws = AwsGateway.Aws(new Dictionary<string, string> { ["s3"] = _proxy.Url });
        aws = aws with
        {
            Credentials = new Dictionary<string, Core.Definitions.AwsCredentialsDefinition>(aws.Credentials)
            {
                ["wrong-secret"] = new() { AccessKeyId = AwsEmulators.S3rverKey, SecretAccessKey = AwsGateway.Secret },
            },
        };
        _gateway = await AwsGateway.StartAsync(aws,
            Config("files", routes, binaryMediaTypes: ["application/octet-stream", "image/png"]));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _proxy.DisposeAsync();
        var listed = await _sdk.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket });
        foreach (var item in listed.S3Objects ?? [])
        {
            await _sdk.DeleteObjectAsync(_bucket, item.Key);
        }

        await _sdk.DeleteBucketAsync(_bucket);
        _sdk.Dispose();
    }

    [Theory]
    [InlineData("data/blob.bin")]
    [InlineData("photos/été 2024/a+b (1).png")]
    public async Task PutThenGet_BinaryObject_RoundTripsByteForByte(string key)
    {
        var bytes = new byte[70_000];
        new Random(7).NextBytes(bytes);
        for (var i = 0; i < 256; i++)
        {
            bytes[i] = (byte)i;
        }

        var path = "/files/v1/files/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var put = await _gateway.Client.PutAsync(path, content);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal($"{{\"stored\": \"{key}\"}}", await put.Content.ReadAsStringAsync());

        // What S3 holds, read with the AWS SDK.
        using (var stored = await _sdk.GetObjectAsync(_bucket, key))
        using (var copy = new MemoryStream())
        {
            await stored.ResponseStream.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
            Assert.Equal("image/png", stored.Headers.ContentType);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("image/png");
        using var get = await _gateway.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("image/png", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await get.Content.ReadAsByteArrayAsync());
        await _proxy.AssertAllVerifiedAsync();
    }

    [Fact]
    public async Task GetObject_ConvertToText_AnswersBase64()
    {
        var bytes = new byte[] { 0, 1, 2, 250, 255, 10, 13 };
        await _sdk.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "small.bin", InputStream = new MemoryStream(bytes), UseChunkEncoding = false });

        var text = await _gateway.Client.GetStringAsync("/files/v1/base64/small.bin");

        Assert.Equal(Convert.ToBase64String(bytes), text);
    }

    [Fact]
    public async Task GetObject_TextObjectWithoutBinaryAccept_IsMappedAsText()
    {
        await _sdk.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "note.json", ContentBody = "{\"hello\": \"wörld\"}", ContentType = "application/json", UseChunkEncoding = false });

        using var get = await _gateway.Client.GetAsync("/files/v1/files/note.json");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("application/json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"hello\": \"wörld\"}", await get.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ListObjectsV2_WithMappedPrefix_ListsOnlyThoseKeys()
    {
        foreach (var key in new[] { "logs/a.txt", "logs/b.txt", "other/c.txt" })
        {
            await _sdk.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = key, UseChunkEncoding = false });
        }

        using var response = await _gateway.Client.GetAsync("/files/v1/files?prefix=logs/");
        var xml = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<Key>logs/a.txt</Key>", xml, StringComparison.Ordinal);
        Assert.Contains("<Key>logs/b.txt</Key>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("other/c.txt", xml, StringComparison.Ordinal);
        Assert.Contains("<KeyCount>2</KeyCount>", xml, StringComparison.Ordinal);
        await _proxy.AssertAllVerifiedAsync();
    }

    [Fact]
    public async Task BucketSubdomainUri_WithCustomEndpoint_PutsTheBucketInThePath()
    {
        await _sdk.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "sub.txt", ContentBody = "via subdomain", ContentType = "text/plain", UseChunkEncoding = false });

        Assert.Equal("via subdomain", await _gateway.Client.GetStringAsync("/files/v1/sub/sub.txt"));
        await _proxy.AssertAllVerifiedAsync();
        Assert.Equal($"/{_bucket}/sub.txt", (await _proxy.RequestsAsync())[^1].GetProperty("url").GetString());
    }

    [Fact]
    public async Task NoSuchKey_404_SelectsTheMappedResponse()
    {
        using var response = await _gateway.Client.GetAsync("/files/v1/files/never/written.txt");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("{\"message\": \"no such object\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WrongSecret_S3RejectsTheSignature_AndNothingLeaks()
    {
        await _sdk.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "guarded.txt", ContentBody = "x", UseChunkEncoding = false });

        using var response = await _gateway.Client.GetAsync("/files/v1/unsigned/guarded.txt");
        var body = await response.Content.ReadAsStringAsync();

        // The access key is known, the secret is not: the verifying proxy recomputes the signature and refuses it.
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"message\": \"S3 refused the signature\"}", body);
        var refused = Assert.Single(await _proxy.RequestsAsync());
        Assert.Equal("signature mismatch", refused.GetProperty("reason").GetString());
        _gateway.AssertNoSecretInLogs();
    }
}
