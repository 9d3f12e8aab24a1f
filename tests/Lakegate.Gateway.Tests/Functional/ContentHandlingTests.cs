using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Tests.Infrastructure;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>
/// Binary payloads through MOCK and HTTP (non-proxy) integrations: binaryMediaTypes (with
/// wildcards), contentHandling on the integration request and the integration response, what
/// templates see, all byte for byte through a real backend (reference §1.11, the AWS conversion tables).
/// </summary>
public sealed class ContentHandlingTests : GatewayTestBase
{
    /// <summary>Bytes that are not UTF-8 (0xC3 0x28, 0xFF, lone 0x80) and every byte value: any text round trip would change them.</summary>
    private static readonly byte[] Png = [.. new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xC3, 0x28, 0xFF, 0x80, 0x00 }, .. Enumerable.Range(0, 256).Select(i => (byte)i), .. RandomNumberGenerator.GetBytes(70_000)];

    private static readonly Dictionary<string, string> ReceivedHeaders = new()
    {
        ["method.response.header.X-Received-Sha256"] = "integration.response.header.x-received-sha256",
        ["method.response.header.X-Received-Length"] = "integration.response.header.x-received-length",
        ["method.response.header.X-Received-Type"] = "integration.response.header.x-received-type",
    };

    private static RouteDefinition Http(string routeKey, string uri, string? contentHandling = null, string? responseHandling = null,
        Dictionary<string, string>? requestTemplates = null, Dictionary<string, string>? responseTemplates = null)
    {
        var space = routeKey.IndexOf(' ');
        return new RouteDefinition
        {
            Method = routeKey[..space],
            Path = routeKey[(space + 1)..],
            Integration = new IntegrationDefinition
            {
                Type = IntegrationType.Http,
                Uri = uri,
                HttpMethod = "POST",
                ContentHandling = contentHandling,
                RequestTemplates = requestTemplates ?? new Dictionary<string, string>(),
                Responses =
                [
                    new IntegrationResponseDefinition
                    {
                        StatusCode = "200",
                        ContentHandling = responseHandling,
                        ResponseParameters = ReceivedHeaders,
                        ResponseTemplates = responseTemplates ?? new Dictionary<string, string>(),
                    },
                ],
            },
        };
    }

    protected override async Task OnStartedAsync()
    {
        var bytes = $"{Backend.BaseUrl}/bytes";
        var api = new ApiDefinition
        {
            Id = "bin",
            BinaryMediaTypes = ["image/*", "application/octet-stream"],
            Routes =
            [
                Http("POST /pass", bytes),
                Http("POST /as-png", bytes + "?type=image/png"),
                Http("POST /as-text", bytes + "?type=text/plain"),
                Http("POST /to-text", bytes + "?type=text/plain", contentHandling: "CONVERT_TO_TEXT"),
                Http("POST /to-binary", bytes + "?type=image/png", contentHandling: "CONVERT_TO_BINARY"),
                Http("POST /response-to-text", bytes + "?type=image/png", responseHandling: "CONVERT_TO_TEXT"),
                Http("POST /response-to-binary", bytes + "?type=text/plain", responseHandling: "CONVERT_TO_BINARY"),
                Http("POST /template", bytes + "?type=application/json",
                    requestTemplates: new() { ["application/octet-stream"] = "{\"data\": \"$input.body\", \"length\": $input.body.length()}" }),
                Http("POST /template-to-binary", bytes + "?type=image/png", contentHandling: "CONVERT_TO_BINARY",
                    requestTemplates: new() { ["application/json"] = "$input.path('$.image')" }),
                new RouteDefinition
                {
                    Method = "GET",
                    Path = "/mock-image",
                    Integration = new IntegrationDefinition
                    {
                        Type = IntegrationType.Mock,
                        RequestTemplates = new Dictionary<string, string> { ["application/json"] = "{\"statusCode\": 200}" },
                        Responses =
                        [
                            new IntegrationResponseDefinition
                            {
                                StatusCode = "200",
                                ContentHandling = "CONVERT_TO_BINARY",
                                ResponseTemplates = new Dictionary<string, string> { ["image/png"] = Convert.ToBase64String(Png[..300]) },
                            },
                        ],
                    },
                },
            ],
        };
        var everything = new ApiDefinition
        {
            Id = "any",
            BinaryMediaTypes = ["*/*"],
            Routes = [Http("POST /pass", bytes)],
        };
        await Gateway.DeployAsync(new LakegateConfig
        {
            Apis = [api, everything],
            Stages = [new StageDefinition { ApiId = "bin", Name = "prod" }, new StageDefinition { ApiId = "any", Name = "prod" }],
        });
    }

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body, string contentType, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await Gateway.Client.SendAsync(request);
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    [Theory]
    [InlineData("image/png")]
    [InlineData("image/gif; charset=binary")]
    [InlineData("application/octet-stream")]
    public async Task BinaryRequest_NoTemplate_PassesByteForByte_AndBinaryResponseReturnsBytes(string contentType)
    {
        using var response = await PostAsync("/bin/prod/as-png", Png, contentType, "image/png");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(body));
        Assert.Equal(Sha(Png), Header(response, "X-Received-Sha256"));
        Assert.Equal(Png.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(response, "X-Received-Length"));
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, body);
    }

    [Fact]
    public async Task StarStarBinaryMediaType_MakesEveryPayloadBinary()
    {
        using var response = await PostAsync("/any/prod/pass", Png, "application/x-anything", "application/x-anything");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Sha(Png), Header(response, "X-Received-Sha256"));
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task BinaryResponse_ForTextAccept_IsBase64Encoded()
    {
        // Binary integration response, first Accept type not binary, no contentHandling: base64 text.
        using var response = await PostAsync("/bin/prod/as-png", Png, "image/png", "application/json, image/png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Convert.ToBase64String(Png), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TextResponse_ForBinaryAccept_IsBase64Decoded()
    {
        // The client posts base64 text; the backend echoes it as text/plain; Accept image/png decodes it.
        var base64 = Encoding.ASCII.GetBytes(Convert.ToBase64String(Png));
        using var response = await PostAsync("/bin/prod/as-text", base64, "text/plain", "image/png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Sha(base64), Header(response, "X-Received-Sha256"));
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task TextResponse_ForBinaryAccept_NotBase64_Is500()
    {
        using var response = await PostAsync("/bin/prod/as-text", "not base64 at all!"u8.ToArray(), "text/plain", "image/png");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("{\"message\":\"Internal server error\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ConvertToText_BinaryRequest_ReachesBackendAsBase64()
    {
        using var response = await PostAsync("/bin/prod/to-text", Png, "image/png", "text/plain");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var base64 = Convert.ToBase64String(Png);
        Assert.Equal(Sha(Encoding.ASCII.GetBytes(base64)), Header(response, "X-Received-Sha256"));
        Assert.Equal(base64, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ConvertToBinary_TextRequest_ReachesBackendDecoded()
    {
        using var response = await PostAsync("/bin/prod/to-binary", Encoding.ASCII.GetBytes(Convert.ToBase64String(Png)), "text/plain", "image/png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Sha(Png), Header(response, "X-Received-Sha256"));
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ConvertToBinary_BinaryRequest_StaysAsItIs()
    {
        using var response = await PostAsync("/bin/prod/to-binary", Png, "image/png", "image/png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Sha(Png), Header(response, "X-Received-Sha256"));
    }

    [Fact]
    public async Task ConvertToBinary_TextRequestNotBase64_Is500_AndBackendNotCalled()
    {
        using var response = await PostAsync("/bin/prod/to-binary", "%%% not base64"u8.ToArray(), "text/plain", "image/png");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Received-Sha256"));
    }

    [Fact]
    public async Task ResponseConvertToText_BinaryResponse_IsBase64EvenForBinaryAccept()
    {
        using var response = await PostAsync("/bin/prod/response-to-text", Png, "image/png", "image/png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Convert.ToBase64String(Png), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ResponseConvertToBinary_TextResponse_IsDecodedEvenForTextAccept()
    {
        using var response = await PostAsync("/bin/prod/response-to-binary", Encoding.ASCII.GetBytes(Convert.ToBase64String(Png)), "text/plain", "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Template_SeesBinaryBodyAsBase64()
    {
        using var response = await PostAsync("/bin/prod/template", Png, "application/octet-stream", "application/json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var sent = JsonDocument.Parse(text);
        Assert.Equal(Convert.ToBase64String(Png), sent.RootElement.GetProperty("data").GetString());
        Assert.Equal(Convert.ToBase64String(Png).Length, sent.RootElement.GetProperty("length").GetInt32());
    }

    [Fact]
    public async Task TemplateOutput_ConvertToBinary_UploadsTheDecodedField()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new { image = Convert.ToBase64String(Png) });
        using var response = await PostAsync("/bin/prod/template-to-binary", json, "application/json", "image/png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Sha(Png), Header(response, "X-Received-Sha256"));
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Mock_ResponseTemplateWithConvertToBinary_ServesBytes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/bin/prod/mock-image");
        request.Headers.TryAddWithoutValidation("Accept", "image/png");
        using var response = await Gateway.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png[..300], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task TextRequest_NotInBinaryMediaTypes_PassesUnchanged()
    {
        var text = "{\"é\": \"ü\"}"u8.ToArray();
        using var response = await PostAsync("/bin/prod/pass", text, "application/json", "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Sha(text), Header(response, "X-Received-Sha256"));
        Assert.Equal(text, await response.Content.ReadAsByteArrayAsync());
    }
}
