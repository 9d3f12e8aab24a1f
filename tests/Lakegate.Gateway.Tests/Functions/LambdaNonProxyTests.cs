using System.Net;
using System.Text;
using System.Text.Json;
using Lakegate.Core.Definitions;

namespace Lakegate.Gateway.Tests.Functions;

/// <summary>Non-proxy ("custom") Lambda integrations: request template → event, result and errors → integration responses.</summary>
public sealed class LambdaNonProxyTests : IAsyncLifetime
{
    private const string Arn = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:fn/invocations";
    private FunctionGateway _gateway = null!;

    private static RouteDefinition Route(string path, params IntegrationResponseDefinition[] responses) => new()
    {
        Method = "POST",
        Path = path,
        Integration = new IntegrationDefinition
        {
            Type = IntegrationType.Aws,
            Uri = Arn,
            HttpMethod = "POST",
            RequestTemplates = new Dictionary<string, string>
            {
                ["application/json"] = "{\"path\": \"/x/$input.params('item')\", \"name\": $input.json('$.name'), \"stage\": \"$context.stage\"}",
            },
            Responses = responses,
        },
    };

    private static IntegrationResponseDefinition Response(string status, string? pattern, string template) => new()
    {
        StatusCode = status,
        SelectionPattern = pattern,
        ResponseTemplates = new Dictionary<string, string> { ["application/json"] = template },
    };

    public async Task InitializeAsync()
    {
        _gateway = await FunctionGateway.StartAsync([FunctionGateway.Worker("fn")]);
        await _gateway.DeployAsync(new LakegateConfig
        {
            Apis =
            [
                new ApiDefinition
                {
                    Id = "custom",
                    Routes =
                    [
                        Route("/mapped/{item}",
                            Response("200", null, "$input.path('$.body')"),
                            Response("400", ".*boom.*", "{\"error\": \"$input.path('$.errorMessage')\"}")),
                        Route("/unmapped/{item}", Response("200", null, "$input.json('$')")),
                    ],
                },
            ],
            Stages = [new StageDefinition { ApiId = "custom", Name = "prod" }],
        });
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(string path) =>
        _gateway.Client.PostAsync(path, new StringContent("{\"name\": \"widget\"}", Encoding.UTF8, "application/json"));

    [Fact]
    public async Task RequestTemplate_BuildsTheEvent_ResponseTemplate_MapsTheResult()
    {
        using var response = await PostAsync("/custom/prod/mapped/echo");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var @event = JsonDocument.Parse(text).RootElement.GetProperty("event");
        Assert.Equal("/x/echo", @event.GetProperty("path").GetString());
        Assert.Equal("widget", @event.GetProperty("name").GetString());
        Assert.Equal("prod", @event.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task FunctionError_MatchedByErrorMessage_SelectsItsResponse()
    {
        using var response = await PostAsync("/custom/prod/mapped/throws");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("boom", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task FunctionError_Unmapped_Answers200AsApiGatewayDoes()
    {
        using var response = await PostAsync("/custom/prod/unmapped/throws");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("boom", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errorMessage").GetString());
    }
}
