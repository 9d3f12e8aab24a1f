using System.Net;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Tests.Infrastructure;
using static Lakegate.Gateway.Tests.Infrastructure.Definitions;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>Customised Gateway Responses: status, headers and substitution templates per type and per family.</summary>
public sealed class GatewayResponseTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync();
        var api = new ApiDefinition
        {
            Id = "gr",
            Routes = [Proxy("GET /down", "http://127.0.0.1:1/")],
            GatewayResponses = new Dictionary<string, GatewayResponseDefinition>
            {
                ["MISSING_AUTHENTICATION_TOKEN"] = new()
                {
                    StatusCode = 404,
                    ResponseParameters = new Dictionary<string, string>
                    {
                        ["gatewayresponse.header.Access-Control-Allow-Origin"] = "'*'",
                        ["gatewayresponse.header.X-Echo"] = "method.request.header.X-In",
                    },
                    ResponseTemplates = new Dictionary<string, string>
                    {
                        ["application/json"] = "{\"error\":$context.error.messageString,\"type\":\"$context.error.responseType\",\"stage\":\"$context.stage\",\"v\":\"$stageVariables.v\"}",
                    },
                },
                ["DEFAULT_5XX"] = new()
                {
                    ResponseParameters = new Dictionary<string, string> { ["gatewayresponse.header.X-Family"] = "'5xx'" },
                },
            },
        };
        await _gateway.DeployAsync(Config(api, Stage("gr", "prod", new Dictionary<string, string> { ["v"] = "1" })));
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task CustomisedType_UsesItsStatusHeadersAndTemplate()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/gr/prod/nowhere");
        request.Headers.Add("X-In", "hello");
        using var response = await _gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("hello", response.Headers.GetValues("X-Echo").Single());
        Assert.Equal(
            "{\"error\":\"Missing Authentication Token\",\"type\":\"MISSING_AUTHENTICATION_TOKEN\",\"stage\":\"prod\",\"v\":\"1\"}",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FamilyCustomisation_AppliesToUncustomisedTypes_KeepingTheirStatus()
    {
        using var response = await _gateway.Client.GetAsync("/gr/prod/down");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("5xx", response.Headers.GetValues("X-Family").Single());
        Assert.Equal("{\"message\":\"Internal server error\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OtherApis_KeepDefaults()
    {
        using var response = await _gateway.Client.GetAsync("/elsewhere/prod/x");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
