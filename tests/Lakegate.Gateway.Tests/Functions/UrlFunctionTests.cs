using System.Net;
using System.Text.Json;
using Lakegate.Core.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Tests.Functions;

/// <summary>The <c>url</c> function target: the event is POSTed to an endpoint that answers with the proxy result.</summary>
public sealed class UrlFunctionTests : IAsyncLifetime
{
    private WebApplication _endpoint = null!;
    private FunctionGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _endpoint = builder.Build();
        _endpoint.Run(HandleAsync);
        await _endpoint.StartAsync();
        var url = _endpoint.Urls.First();

        _gateway = await FunctionGateway.StartAsync(
        [
            new FunctionDefinition { Name = "remote", Url = url + "/invoke" },
            new FunctionDefinition { Name = "slowremote", Url = url + "/slow", TimeoutSeconds = 1 },
            new FunctionDefinition { Name = "down", Url = "http://127.0.0.1:1/" },
        ]);
        await _gateway.DeployAsync(new LakegateConfig
        {
            Apis =
            [
                new ApiDefinition
                {
                    Id = "remote",
                    Routes =
                    [
                        FunctionGateway.Route("ANY /items/{id}", "remote"),
                        FunctionGateway.Route("GET /slow", "slowremote"),
                        FunctionGateway.Route("GET /down", "down"),
                    ],
                },
            ],
            Stages = [new StageDefinition { ApiId = "remote", Name = "prod" }],
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _endpoint.StopAsync();
        await _endpoint.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path == "/slow")
        {
            await Task.Delay(5000, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        using var document = await JsonDocument.ParseAsync(context.Request.Body);
        var e = document.RootElement;
        var id = e.GetProperty("pathParameters").GetProperty("id").GetString();
        context.Response.ContentType = "application/json";
        if (id == "fail")
        {
            context.Response.Headers["X-Amz-Function-Error"] = "Unhandled";
            await context.Response.WriteAsync("""{"errorMessage":"boom","errorType":"Error"}""");
            return;
        }

        var result = new
        {
            statusCode = 200,
            headers = new Dictionary<string, string> { ["x-seen-content-type"] = context.Request.ContentType ?? string.Empty },
            body = $"{e.GetProperty("httpMethod").GetString()} {e.GetProperty("path").GetString()} {id}",
        };
        await context.Response.WriteAsync(JsonSerializer.Serialize(result));
    }

    [Fact]
    public async Task UrlTarget_ReceivesTheEvent_AndItsResultIsTheResponse()
    {
        using var response = await _gateway.Client.DeleteAsync("/remote/prod/items/9");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DELETE /items/9 9", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Headers.GetValues("x-seen-content-type").Single());
    }

    [Fact]
    public async Task UrlTarget_FunctionError_Answers502()
    {
        using var response = await _gateway.Client.GetAsync("/remote/prod/items/fail");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task UrlTarget_PastTheFunctionTimeout_Answers504()
    {
        using var response = await _gateway.Client.GetAsync("/remote/prod/slow");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }

    [Fact]
    public async Task EventAboveLambdasSixMegabytes_IsRefused_Answered500()
    {
        using var content = new StringContent(new string('x', 6 * 1024 * 1024), System.Text.Encoding.UTF8, "text/plain");
        using var response = await _gateway.Client.PostAsync("/remote/prod/items/9", content);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task UrlTarget_Unreachable_Answers500()
    {
        using var response = await _gateway.Client.GetAsync("/remote/prod/down");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
