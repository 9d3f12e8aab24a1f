using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Pipeline;
using Lakegate.Gateway.Steps.Validate;
using Lakegate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using static Lakegate.Gateway.Tests.Infrastructure.Definitions;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>API Gateway request validation (the Validate phase) through a real gateway and an HTTP_PROXY backend.</summary>
public sealed class RequestValidationTests : GatewayTestBase
{
    private const string PetModel = """
        {
          "type": "object",
          "required": ["name", "type"],
          "properties": {
            "name": { "type": "string", "minLength": 1 },
            "type": { "type": "string", "enum": ["dog", "cat", "fish"] },
            "owner": { "$ref": "https://apigateway.amazonaws.com/restapis/val/models/Owner" }
          }
        }
        """;

    private const string OwnerModel = """{ "type": "object", "required": ["email"], "properties": { "email": { "type": "string" } } }""";

    private static readonly Dictionary<string, RequestValidatorDefinition> Validators = new()
    {
        ["all"] = new() { ValidateRequestBody = true, ValidateRequestParameters = true },
        ["params"] = new() { ValidateRequestParameters = true },
        ["body"] = new() { ValidateRequestBody = true },
    };

    private const long MaxBodyBytes = 1_000_000;

    private ApiDefinition _api = null!;

    protected override Task<TestGateway> StartGatewayAsync() =>
        TestGateway.StartAsync(configure: o => o.Limits = new ServerLimitsDefinition { MaxRequestBodyBytes = MaxBodyBytes });

    protected override async Task OnStartedAsync()
    {
        _api = Api("val", gatewayResponses: null);
        var custom = Api("valgr", new Dictionary<string, GatewayResponseDefinition>
        {
            ["BAD_REQUEST_BODY"] = new()
            {
                ResponseTemplates = new Dictionary<string, string>
                {
                    ["application/json"] = "{\"message\": $context.error.messageString, \"detail\": \"$context.error.validationErrorString\"}",
                },
            },
        });
        await Gateway.DeployAsync(new LakegateConfig
        {
            Apis = [_api, custom],
            Stages = [Stage("val", "prod"), Stage("valgr", "prod")],
        });
    }

    private ApiDefinition Api(string id, IReadOnlyDictionary<string, GatewayResponseDefinition>? gatewayResponses)
    {
        RouteDefinition Route(string key, string? validator, Dictionary<string, bool>? parameters = null, Dictionary<string, string>? models = null) =>
            Proxy(key, $"{Backend.BaseUrl}/echo") with
            {
                RequestValidator = validator,
                RequestParameters = parameters ?? [],
                RequestModels = models ?? [],
            };

        var required = new Dictionary<string, bool>
        {
            ["method.request.querystring.q1"] = true,
            ["method.request.header.h1"] = true,
            ["method.request.querystring.optional"] = false,
        };
        var json = new Dictionary<string, string> { ["application/json"] = "Pet" };
        return new ApiDefinition
        {
            Id = id,
            RequestValidators = Validators,
            Models = new Dictionary<string, JsonElement>
            {
                ["Pet"] = JsonDocument.Parse(PetModel).RootElement.Clone(),
                ["Owner"] = JsonDocument.Parse(OwnerModel).RootElement.Clone(),
                ["Anything"] = JsonDocument.Parse("""{ "type": "object", "required": ["any"] }""").RootElement.Clone(),
            },
            GatewayResponses = gatewayResponses ?? new Dictionary<string, GatewayResponseDefinition>(),
            Routes =
            [
                Route("GET /params", "params", required),
                Route("GET /items/{id}", "params", new Dictionary<string, bool> { ["method.request.path.id"] = true }),
                Route("POST /pets", "all", new Dictionary<string, bool> { ["method.request.header.h1"] = true }, json),
                Route("POST /body-only", "body", required, json),
                Route("POST /params-only", "params", new Dictionary<string, bool>(), json),
                Route("POST /fallback", "body", models: new Dictionary<string, string> { ["application/json"] = "Pet", ["$default"] = "Anything" }),
                Route("POST /none", null, required, json),
            ],
        };
    }

    private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(
        HttpClient client, HttpMethod method, string path, string? body = null, string? contentType = "application/json", Dictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private static void AssertBadRequest((HttpStatusCode Status, string Body, HttpResponseMessage Response) result, string expectedBody)
    {
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(expectedBody, result.Body);
        Assert.Equal("BadRequestException", result.Response.Headers.GetValues("x-amzn-ErrorType").Single());
        result.Response.Dispose();
    }

    [Fact]
    public async Task MissingQueryAndHeader_Answer400_NamingBoth()
    {
        AssertBadRequest(await SendAsync(Gateway.Client, HttpMethod.Get, "/val/prod/params"),
            """{"message":"Missing required request parameters: [h1, q1]"}""");
    }

    [Fact]
    public async Task BlankQueryValue_CountsAsMissing()
    {
        // AWS developer guide: "GET /validation?q1=" fails like a missing q1.
        AssertBadRequest(await SendAsync(Gateway.Client, HttpMethod.Get, "/val/prod/params?q1=", headers: new() { ["h1"] = "v" }),
            """{"message":"Missing required request parameters: [q1]"}""");
        AssertBadRequest(await SendAsync(Gateway.Client, HttpMethod.Get, "/val/prod/params?q1=%20", headers: new() { ["h1"] = "v" }),
            """{"message":"Missing required request parameters: [q1]"}""");
    }

    [Fact]
    public async Task QueryKeys_AreCaseSensitive_HeaderNamesAreNot()
    {
        AssertBadRequest(await SendAsync(Gateway.Client, HttpMethod.Get, "/val/prod/params?Q1=x", headers: new() { ["h1"] = "v" }),
            """{"message":"Missing required request parameters: [q1]"}""");

        var (status, body, response) = await SendAsync(Gateway.Client, HttpMethod.Get, "/val/prod/params?q1=x", headers: new() { ["H1"] = "v" });
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/echo?q1=x", JsonSerializer.Deserialize<Echo>(body)!.RawTarget);
    }

    [Fact]
    public async Task RequiredPathParameter_IsPresentWhenTheRouteMatches()
    {
        var echo = await Gateway.GetEchoAsync("/val/prod/items/42");
        Assert.Equal("GET", echo.Method);
    }

    [Fact]
    public async Task InvalidBody_Answers400InvalidRequestBody()
    {
        AssertBadRequest(await SendAsync(Gateway.Client, HttpMethod.Post, "/val/prod/pets", """{"name":"Molly","type":"bird"}""", headers: new() { ["h1"] = "v" }),
            """{"message":"Invalid request body"}""");
        AssertBadRequest(await SendAsync(Gateway.Client, HttpMethod.Post, "/val/prod/pets", "{not json", headers: new() { ["h1"] = "v" }),
            """{"message":"Invalid request body"}""");
    }

    [Fact]
    public async Task ParametersAreCheckedBeforeTheBody()
    {
        AssertBadRequest(await SendAsync(Gateway.Client, HttpMethod.Post, "/val/prod/pets", "{not json"),
            """{"message":"Missing required request parameters: [h1]"}""");
    }

    [Fact]
    public async Task GatewayResponseTemplate_RendersTheValidationErrorString()
    {
        var result = await SendAsync(Gateway.Client, HttpMethod.Post, "/valgr/prod/pets",
            """{"type":"cat","owner":{}}""", headers: new() { ["h1"] = "v" });
        AssertBadRequest(result, """{"message": "Invalid request body", "detail": "[object has missing required properties (["name"])]"}""");

        // The referenced model is validated too, once the outer object is clean.
        result = await SendAsync(Gateway.Client, HttpMethod.Post, "/valgr/prod/pets",
            """{"name":"Rex","type":"dog","owner":{"email":7}}""", headers: new() { ["h1"] = "v" });
        AssertBadRequest(result,
            """{"message": "Invalid request body", "detail": "[instance type (integer) does not match any allowed primitive type (allowed: ["string"])]"}""");
    }

    [Fact]
    public async Task ValidBody_ReachesTheBackendByteIdentical()
    {
        const string body = "{ \"name\" : \"Rex\\u00e9 😀\",\n\t\"type\":\"dog\" , \"extra\": [1, 2.50, {}] }  ";
        var (status, responseBody, response) = await SendAsync(Gateway.Client, HttpMethod.Post, "/val/prod/pets", body, "application/json; charset=utf-8",
            new() { ["h1"] = "v" });
        response.Dispose();

        Assert.Equal(HttpStatusCode.OK, status);
        var echo = JsonSerializer.Deserialize<Echo>(responseBody)!;
        Assert.Equal(body, echo.Body);
        Assert.Equal(Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture), echo.Headers["Content-Length"]);
    }

    [Fact]
    public async Task ValidChunkedBody_ReachesTheBackendWhole()
    {
        var body = "{\"name\":\"" + new string('x', 200_000) + "\",\"type\":\"fish\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/val/prod/pets")
        {
            Content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(body))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("h1", "v");
        using var response = await Gateway.Client.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, JsonSerializer.Deserialize<Echo>(await response.Content.ReadAsStringAsync())!.Body);
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimit_Answers413_WhileBeingBuffered()
    {
        var body = "{\"name\":\"" + new string('x', (int)MaxBodyBytes) + "\",\"type\":\"fish\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/val/prod/pets")
        {
            Content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(body))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("h1", "v");
        using var response = await Gateway.Client.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task BodyOnlyValidator_DoesNotCheckParameters()
    {
        var (status, _, response) = await SendAsync(Gateway.Client, HttpMethod.Post, "/val/prod/body-only", """{"name":"Rex","type":"dog"}""");
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
        AssertBadRequest(await SendAsync(Gateway.Client, HttpMethod.Post, "/val/prod/body-only", "[]"), """{"message":"Invalid request body"}""");
    }

    [Fact]
    public async Task ParamsOnlyValidator_DoesNotCheckTheBody()
    {
        var (status, body, response) = await SendAsync(Gateway.Client, HttpMethod.Post, "/val/prod/params-only", "{not json");
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{not json", JsonSerializer.Deserialize<Echo>(body)!.Body);
    }

    [Fact]
    public async Task ModelIsChosenByMediaType_DefaultModelCatchesOtherTypes()
    {
        // application/json (parameters ignored, any case) → Pet.
        AssertBadRequest(await SendAsync(Gateway.Client, HttpMethod.Post, "/val/prod/fallback", """{"any":1}""", "Application/JSON; charset=utf-8"),
            """{"message":"Invalid request body"}""");

        // No Content-Type is application/json.
        AssertBadRequest(await SendAsync(Gateway.Client, HttpMethod.Post, "/val/prod/fallback", """{"any":1}""", contentType: null),
            """{"message":"Invalid request body"}""");

        // Another type → the $default model.
        var (status, _, response) = await SendAsync(Gateway.Client, HttpMethod.Post, "/val/prod/fallback", """{"any":1}""", "text/plain");
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
        AssertBadRequest(await SendAsync(Gateway.Client, HttpMethod.Post, "/val/prod/fallback", """{"name":"Rex","type":"dog"}""", "text/plain"),
            """{"message":"Invalid request body"}""");
    }

    [Fact]
    public async Task MediaTypeWithoutModel_AndNoDefault_IsNotValidated()
    {
        var (status, body, response) = await SendAsync(Gateway.Client, HttpMethod.Post, "/val/prod/pets", "not json at all", "text/plain", new() { ["h1"] = "v" });
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("not json at all", JsonSerializer.Deserialize<Echo>(body)!.Body);
    }

    [Fact]
    public async Task RouteWithoutValidator_IsNotValidated()
    {
        var (status, _, response) = await SendAsync(Gateway.Client, HttpMethod.Post, "/val/prod/none", "{not json");
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public void StepFactory_BuildsNoStep_WhenNothingIsValidated()
    {
        var factory = new RequestValidationStepFactory(Options.Create(new GatewayOptions()));
        IGatewayStep? StepFor(string routeKey) => factory.Create(new RouteCompileContext(_api, _api.Routes.Single(r => r.RouteKey == routeKey), "d1"));

        Assert.Equal(GatewayPhase.Validate, factory.Phase);
        Assert.Null(StepFor("POST /none"));
        Assert.NotNull(StepFor("POST /pets"));
        Assert.NotNull(StepFor("GET /params"));

        // Validates parameters, declares none required: its model is never looked at, its body never buffered.
        Assert.Null(StepFor("POST /params-only"));

        // A params-only validator on a route with no required parameter, a body validator on a route with no model: nothing to do.
        var api = _api with
        {
            Routes =
            [
                Proxy("POST /a", "http://x/") with { RequestValidator = "params", RequestParameters = new Dictionary<string, bool> { ["method.request.header.x"] = false } },
                Proxy("POST /b", "http://x/") with { RequestValidator = "body" },
                Proxy("POST /c", "http://x/"),
            ],
        };
        foreach (var route in api.Routes)
        {
            Assert.Null(factory.Create(new RouteCompileContext(api, route, "d1")));
        }

        // The API's default validator applies to routes that name none.
        var withDefault = api with { DefaultRequestValidator = "all", Routes = [Proxy("POST /c", "http://x/") with { RequestModels = new Dictionary<string, string> { ["application/json"] = "Pet" } }] };
        Assert.NotNull(factory.Create(new RouteCompileContext(withDefault, withDefault.Routes[0], "d1")));

        // HTTP APIs have no request validation.
        var httpApi = withDefault with { Kind = ApiKind.Http };
        Assert.Null(factory.Create(new RouteCompileContext(httpApi, httpApi.Routes[0], "d1")));
    }

    [Fact]
    public void StepFactory_CompilesModelsOncePerDeployment()
    {
        var factory = new RequestValidationStepFactory(Options.Create(new GatewayOptions()));
        Core.Validation.ModelSchema ModelSchemaFor(RouteDefinition route, ApiDefinition api) =>
            ((RequestValidationStep)factory.Create(new RouteCompileContext(api, route, "d1"))!).BodyModels!.Select("application/json")!;

        var pets = _api.Routes.Single(r => r.RouteKey == "POST /pets");
        var bodyOnly = _api.Routes.Single(r => r.RouteKey == "POST /body-only");
        Assert.Same(ModelSchemaFor(pets, _api), ModelSchemaFor(bodyOnly, _api));

        // Another deployment (another ApiDefinition instance) compiles its own.
        var redeployed = _api with { Description = "v2" };
        Assert.NotSame(ModelSchemaFor(pets, _api), ModelSchemaFor(pets, redeployed));
    }

    [Fact]
    public async Task AwsRequestValidationSample_BehavesAsTheDeveloperGuideSays()
    {
        var config = LoadAwsSample();
        await Gateway.DeployAsync(config);
        var client = Gateway.Client;

        var (status, _, response) = await SendAsync(client, HttpMethod.Get, "/sample/test/validation?q1=cat");
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
        AssertBadRequest(await SendAsync(client, HttpMethod.Get, "/sample/test/validation"), """{"message":"Missing required request parameters: [q1]"}""");
        AssertBadRequest(await SendAsync(client, HttpMethod.Get, "/sample/test/validation?q1="), """{"message":"Missing required request parameters: [q1]"}""");

        const string marco = """{ "name" : "Marco", "type" : "dog", "price" : 260 }""";
        (status, _, response) = await SendAsync(client, HttpMethod.Post, "/sample/test/validation", marco, headers: new() { ["h1"] = "v1" });
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
        AssertBadRequest(await SendAsync(client, HttpMethod.Post, "/sample/test/validation", marco), """{"message":"Missing required request parameters: [h1]"}""");
        AssertBadRequest(await SendAsync(client, HttpMethod.Post, "/sample/test/validation", """{ "name" : "Molly", "type" : "bird", "price" : 269 }""", headers: new() { ["h1"] = "v1" }),
            """{"message":"Invalid request body"}""");
        AssertBadRequest(await SendAsync(client, HttpMethod.Post, "/sample/test/validation", """{ "name" : "Molly", "type" : "dog", "price" : 501 }""", headers: new() { ["h1"] = "v1" }),
            """{"message":"Invalid request body"}""");
    }

    /// <summary>
    /// The developer guide's sample (tests/Lakegate.Core.Tests/Loading/Fixtures/request-validation.swagger.json),
    /// minus its undeclared <c>security</c> scheme, with its HTTP integrations pointed at the test backend as HTTP_PROXY.
    /// </summary>
    private LakegateConfig LoadAwsSample()
    {
        var path = Path.Combine(RepositoryRoot(), "tests", "Lakegate.Core.Tests", "Loading", "Fixtures", "request-validation.swagger.json");
        var document = JsonNode.Parse(File.ReadAllText(path))!;
        foreach (var (_, operations) in document["paths"]!.AsObject())
        {
            foreach (var (_, operation) in operations!.AsObject())
            {
                operation!.AsObject().Remove("security");
            }
        }

        var result = DefinitionLoader.LoadText(document.ToJsonString(), "request-validation.swagger.json", new LoadOptions { ApiId = "sample", StageName = "test" });
        Assert.False(result.HasErrors, string.Join('\n', result.Errors));
        var config = result.Config!;
        var api = config.Apis[0];
        api = api with
        {
            Routes = [.. api.Routes.Select(r => r with { Integration = new IntegrationDefinition { Type = IntegrationType.HttpProxy, Uri = $"{Backend.BaseUrl}/pets" } })],
        };
        return config with { Apis = [api] };
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Lakegate.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    /// <summary>Makes HttpClient send a body without Content-Length (chunked).</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
