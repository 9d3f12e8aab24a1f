using System.Net;
using Lakegate.Gateway.Tests.Infrastructure;
using static Lakegate.Gateway.Tests.Infrastructure.Definitions;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>Edge limits answer with clear JSON errors, never Kestrel's empty ones or a stack trace.</summary>
public sealed class LimitsTests : GatewayTestBase
{
    protected override Task<TestGateway> StartGatewayAsync() => TestGateway.StartAsync(configure: o => o.Limits = new Core.Definitions.ServerLimitsDefinition
    {
        MaxRequestBodyBytes = 1024,
        MaxRequestHeaderCount = 20,
        MaxRequestHeaderBytes = 2048,
        RequestTimeoutSeconds = 1,
    });

    protected override async Task OnStartedAsync()
    {
        await Gateway.DeployAsync(Config(new Core.Definitions.ApiDefinition
        {
            Id = "lim",
            Routes = [Proxy("ANY /{proxy+}", $"{Backend.BaseUrl}/{{proxy}}", timeoutMs: 10_000)],
        }));
    }

    [Fact]
    public async Task BodyOverLimit_WithContentLength_Answers413()
    {
        using var response = await Gateway.Client.PostAsync("/lim/prod/upload", new ByteArrayContent(new byte[4096]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("{\"message\":\"Request Too Long\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BodyOverLimit_Chunked_Answers413()
    {
        var content = new StreamContent(new MemoryStream(new byte[4096]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/lim/prod/upload") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await Gateway.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task BodyWithinLimit_IsForwarded()
    {
        using var response = await Gateway.Client.PostAsync("/lim/prod/upload", new ByteArrayContent(new byte[512]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TooManyHeaders_Answers431()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/lim/prod/x");
        for (var i = 0; i < 30; i++)
        {
            request.Headers.Add($"X-H{i}", "v");
        }

        using var response = await Gateway.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Equal("{\"message\":\"Request Header Fields Too Large\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HeadersOverByteLimit_Answers431()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/lim/prod/x");
        request.Headers.Add("X-Big", new string('a', 3000));
        using var response = await Gateway.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task WholeRequestTimeout_Answers504()
    {
        using var response = await Gateway.Client.GetAsync("/lim/prod/slow/5000");
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.StartsWith("{\"message\":", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
