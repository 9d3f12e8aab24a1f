using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;

namespace Lakegate.Core.Tests.Loading;

public class DefinitionValidatorTests
{
    private static readonly SourcePosition At = new("t.yaml", 3, 5);

    private static IntegrationDefinition Proxy(string uri = "http://backend:8080/x") => new() { Type = IntegrationType.HttpProxy, Uri = uri, Position = At };

    private static RouteDefinition Route(string method, string path, IntegrationDefinition? integration = null) =>
        new() { Method = method, Path = path, Integration = integration ?? Proxy(), Position = At };

    private static ApiDefinition Api(params RouteDefinition[] routes) => new() { Id = "a", Routes = routes, Position = At };

    private static LakegateConfig Config(ApiDefinition api, params StageDefinition[] stages) =>
        new() { Apis = [api], Stages = stages.Length == 0 ? [new StageDefinition { ApiId = api.Id, Name = "prod" }] : stages };

    private static List<string> Errors(LakegateConfig config) =>
        DefinitionValidator.Validate(config).Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Message).ToList();

    private static List<string> Warnings(LakegateConfig config) =>
        DefinitionValidator.Validate(config).Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.Message).ToList();

    [Theory]
    [InlineData("a")]
    [InlineData("quick-start-2")]
    [InlineData("A1")]
    public void Validate_GoodApiId_NoError(string id) => Assert.Empty(Errors(Config(Api() with { Id = id })));

    [Theory]
    [InlineData("-a", "expected 1 to 64")]
    [InlineData("a.b", "expected 1 to 64")]
    [InlineData("_admin", "reserved")]
    public void Validate_BadApiId_IsAnError(string id, string expected)
    {
        var errors = Errors(Config(Api() with { Id = id }, new StageDefinition { ApiId = id, Name = "prod" }));

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ApiIdOver64_IsAnError() =>
        Assert.NotEmpty(Errors(Config(Api() with { Id = new string('a', 65) }, new StageDefinition { ApiId = new string('a', 65), Name = "p" })));

    [Fact]
    public void Validate_DuplicateApiId_IsAnError()
    {
        var config = new LakegateConfig { Apis = [Api(), Api()] };

        Assert.Equal(["api id 'a' is declared more than once"], Errors(config));
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("v1_beta-2")]
    [InlineData("$default")]
    public void Validate_GoodStageName_NoError(string name) => Assert.Empty(Errors(Config(Api(), new StageDefinition { ApiId = "a", Name = name })));

    [Theory]
    [InlineData("_internal", "reserved")]
    [InlineData("has space", "expected 1 to 128")]
    [InlineData("dev.1", "expected 1 to 128")]
    public void Validate_BadStageName_IsAnError(string name, string expected)
    {
        var errors = Errors(Config(Api(), new StageDefinition { ApiId = "a", Name = name, Position = At }));

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DuplicateStage_IsAnError()
    {
        var stage = new StageDefinition { ApiId = "a", Name = "prod" };

        Assert.Equal(["api a: stage 'prod' is declared more than once"], Errors(Config(Api(), stage, stage)));
    }

    [Fact]
    public void Validate_StageVariables_NamesAndValuesAreChecked()
    {
        var good = new StageDefinition { ApiId = "a", Name = "prod", Variables = new Dictionary<string, string> { ["backend_1"] = "http://127.0.0.1:8080/a?b=c#d,e~f" } };
        var bad = good with { Variables = new Dictionary<string, string> { ["bad-name"] = "ok", ["v"] = "has space", ["long"] = new string('x', 513) } };

        Assert.Empty(Errors(Config(Api(), good)));
        var errors = Errors(Config(Api(), bad));
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("name 'bad-name'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("value of 'v'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("value of 'long'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TooManyStageVariables_IsAnError()
    {
        var variables = Enumerable.Range(0, 101).ToDictionary(i => $"v{i}", _ => "x");

        var errors = Errors(Config(Api(), new StageDefinition { ApiId = "a", Name = "prod", Variables = variables }));

        Assert.Equal(["api a: stage 'prod': variables: at most 100 stage variables are allowed"], errors);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(12.5, true)]
    [InlineData(-1, false)]
    [InlineData(100.5, false)]
    public void Validate_CanaryPercent_MustBeWithin0To100(double percent, bool valid)
    {
        var stage = new StageDefinition { ApiId = "a", Name = "prod", Canary = new CanaryDefinition { PercentTraffic = percent } };

        Assert.Equal(valid, Errors(Config(Api(), stage)).Count == 0);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/items")]
    [InlineData("/items/{id}")]
    [InlineData("/files/{proxy+}")]
    [InlineData("/a.b/c-d/e_f/~g/h:i/@j/!$&'()*+,;=%20")]
    [InlineData("/{a.b-c_d}")]
    public void Validate_GoodPath_NoError(string path) => Assert.Empty(Errors(Config(Api(Route("GET", path)))));

    [Theory]
    [InlineData("items", "must start with '/'")]
    [InlineData("/a//b", "empty path segment")]
    [InlineData("/a/", "empty path segment")]
    [InlineData("/a{b}", "must be a whole segment")]
    [InlineData("/{a}b", "must be a whole segment")]
    [InlineData("/{proxy+}/more", "must be the last segment")]
    [InlineData("/{a b}", "must be a whole segment")]
    [InlineData("/a b", "characters not allowed")]
    [InlineData("/a\"b", "characters not allowed")]
    [InlineData("/{id}/{id}", "appears twice")]
    public void Validate_BadPath_IsAnError(string path, string expected)
    {
        var errors = Errors(Config(Api(Route("GET", path, new IntegrationDefinition { Type = IntegrationType.Mock }))));

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("ANY")]
    [InlineData("PATCH")]
    public void Validate_KnownMethod_NoError(string method) => Assert.Empty(Errors(Config(Api(Route(method, "/x")))));

    [Fact]
    public void Validate_UnknownMethod_IsAnError() =>
        Assert.Contains(Errors(Config(Api(Route("FETCH", "/x")))), e => e.Contains("unknown method 'FETCH'", StringComparison.Ordinal));

    [Fact]
    public void Validate_DuplicateRoute_IsAnErrorButAnyBesideGetIsNot()
    {
        Assert.Empty(Errors(Config(Api(Route("GET", "/x"), Route("ANY", "/x")))));
        Assert.Equal(["api a: route GET /x is declared more than once"], Errors(Config(Api(Route("GET", "/x"), Route("GET", "/x")))));
    }

    [Fact]
    public void Validate_SiblingParametersWithDifferentNames_IsAnError()
    {
        var errors = Errors(Config(Api(Route("GET", "/a/{x}"), Route("GET", "/a/{y}/b"))));

        var error = Assert.Single(errors);
        Assert.Contains("'{y}' conflicts with sibling '{x}' declared by route GET /a/{x}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GreedyBesideNamedParameter_IsAnErrorInRestApis() =>
        Assert.Single(Errors(Config(Api(Route("GET", "/a/{x}"), Route("GET", "/a/{proxy+}")))));

    [Fact]
    public void Validate_GreedyBesideNamedParameter_IsLegalInHttpApis() =>
        Assert.Empty(Errors(Config(Api(Route("GET", "/a/{x}"), Route("POST", "/a/{proxy+}")) with { Kind = ApiKind.Http },
            new StageDefinition { ApiId = "a", Name = "$default" })));

    [Fact]
    public void Validate_SiblingParametersWithSameName_NoError() =>
        Assert.Empty(Errors(Config(Api(Route("GET", "/a/{x}"), Route("PUT", "/a/{x}/b"), Route("GET", "/b/{y}")))));

    [Fact]
    public void Validate_DefaultRoute_OnlyInHttpApis()
    {
        var route = Route("ANY", "$default");

        Assert.Empty(Errors(Config(Api(route) with { Kind = ApiKind.Http })));
        Assert.Equal(["api a: route ANY $default: the $default route exists only in HTTP APIs (type: http)"], Errors(Config(Api(route))));
    }

    [Theory]
    [InlineData("http://backend/x")]
    [InlineData("https://backend:8443/x/{id}")]
    [InlineData("http://${stageVariables.host}/x")]
    [InlineData("${stageVariables.url}")]
    [InlineData("${stageVariables.base}/items/{id}")]
    public void Validate_GoodHttpUri_NoError(string uri) => Assert.Empty(Errors(Config(Api(Route("GET", "/x/{id}", Proxy(uri))))));

    [Theory]
    [InlineData(null, "needs a uri")]
    [InlineData("", "needs a uri")]
    [InlineData("/relative", "must be an absolute http:// or https:// URL")]
    [InlineData("ftp://host/x", "must be an absolute http:// or https:// URL")]
    [InlineData("arn:aws:apigateway:us-east-1:s3:path/b", "must be an absolute http:// or https:// URL")]
    public void Validate_BadHttpUri_IsAnError(string? uri, string expected)
    {
        var route = Route("GET", "/x", new IntegrationDefinition { Type = IntegrationType.Http, Uri = uri });

        Assert.Contains(Errors(Config(Api(route))), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UriPlaceholderWithoutSource_IsAnError()
    {
        var unmapped = Route("GET", "/items/{id}", Proxy("http://backend/items/{itemId}"));
        var mapped = Route("GET", "/items/{id}", Proxy("http://backend/items/{itemId}") with
        {
            RequestParameters = new Dictionary<string, string> { ["integration.request.path.itemId"] = "method.request.path.id" },
        });
        var greedy = Route("GET", "/files/{proxy+}", Proxy("http://backend/{proxy}"));

        Assert.Contains(Errors(Config(Api(unmapped))), e => e.Contains("uri placeholder '{itemId}'", StringComparison.Ordinal));
        Assert.Empty(Errors(Config(Api(mapped))));
        Assert.Empty(Errors(Config(Api(greedy))));
    }

    [Theory]
    [InlineData(49, false, false)]
    [InlineData(50, true, false)]
    [InlineData(29000, true, false)]
    [InlineData(29001, true, true)]
    [InlineData(300000, true, true)]
    [InlineData(300001, false, false)]
    public void Validate_Timeout_Range(int timeout, bool valid, bool warned)
    {
        var config = Config(Api(Route("GET", "/x", Proxy() with { TimeoutInMillis = timeout })));

        Assert.Equal(valid, Errors(config).Count == 0);
        Assert.Equal(warned, Warnings(config).Any(w => w.Contains("above API Gateway's default limit of 29000", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_RestRequestParameters_GoodMappings_NoError()
    {
        var parameters = new Dictionary<string, string>
        {
            ["integration.request.path.id"] = "method.request.path.id",
            ["integration.request.querystring.q"] = "method.request.multivaluequerystring.q",
            ["integration.request.header.X-A"] = "method.request.header.X-B",
            ["integration.request.multivalueheader.X-C"] = "method.request.multivalueheader.X-C",
            ["integration.request.header.X-Body"] = "method.request.body.user.id",
            ["integration.request.header.X-Whole"] = "method.request.body",
            ["integration.request.header.X-Stage"] = "stageVariables.backend",
            ["integration.request.header.X-Req"] = "context.requestId",
            ["integration.request.header.x-amz-acl"] = "'authenticated-read'",
        };

        Assert.Empty(Errors(Config(Api(Route("GET", "/x/{id}", Proxy() with { RequestParameters = parameters })))));
    }

    [Theory]
    [InlineData("integration.request.body.x", "method.request.path.id", "requestParameters key")]
    [InlineData("method.request.header.x", "method.request.path.id", "requestParameters key")]
    [InlineData("integration.request.header.x", "request.path.id", "expected method.request")]
    [InlineData("integration.request.header.x", "static", "expected method.request")]
    [InlineData("integration.request.header.x", "'unterminated", "expected method.request")]
    public void Validate_RestRequestParameters_BadMappings_AreErrors(string key, string source, string expected)
    {
        var route = Route("GET", "/x", Proxy() with { RequestParameters = new Dictionary<string, string> { [key] = source } });

        Assert.Contains(Errors(Config(Api(route))), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_HttpApiParameterMapping_UsesItsOwnSyntax()
    {
        var route = Route("GET", "/x", Proxy() with { RequestParameters = new Dictionary<string, string> { ["overwrite:header.x"] = "$request.header.y" } });

        Assert.Empty(Errors(Config(Api(route) with { Kind = ApiKind.Http })));
    }

    [Fact]
    public void Validate_GatewayResponses_GoodAndBad()
    {
        var good = Api() with
        {
            GatewayResponses = new Dictionary<string, GatewayResponseDefinition>
            {
                ["DEFAULT_4XX"] = new() { StatusCode = 400, ResponseParameters = new Dictionary<string, string> { ["gatewayresponse.header.Access-Control-Allow-Origin"] = "'*'" } },
                ["WAF_FILTERED"] = new(),
            },
        };
        var bad = Api() with
        {
            GatewayResponses = new Dictionary<string, GatewayResponseDefinition>
            {
                ["NOT_A_TYPE"] = new(),
                ["THROTTLED"] = new() { StatusCode = 600 },
                ["UNAUTHORIZED"] = new() { StatusCode = 99, ResponseParameters = new Dictionary<string, string> { ["method.response.header.X"] = "'1'" } },
            },
        };

        Assert.Empty(Errors(Config(good)));
        var errors = Errors(Config(bad));
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("api a: gateway response NOT_A_TYPE: unknown response type", StringComparison.Ordinal));
        Assert.Contains("api a: gateway response THROTTLED: statusCode 600 must be within 100..599", errors);
        Assert.Contains("api a: gateway response UNAUTHORIZED: statusCode 99 must be within 100..599", errors);
        Assert.Contains("api a: gateway response UNAUTHORIZED: responseParameters key 'method.response.header.X': expected gatewayresponse.header.NAME", errors);
    }

    [Fact]
    public void Validate_Domains_GoodMappings_NoError()
    {
        var config = Config(Api()) with
        {
            Domains =
            [
                new DomainDefinition
                {
                    Name = "api.example.test",
                    Mappings = [new() { BasePath = "", ApiId = "a", Stage = "prod" }, new() { BasePath = "v1/items", ApiId = "a", Stage = "prod" }],
                },
            ],
        };

        Assert.Empty(Errors(config));
    }

    [Fact]
    public void Validate_Domains_BadMappings_AreErrors()
    {
        var config = Config(Api()) with
        {
            Domains =
            [
                new DomainDefinition
                {
                    Name = "not a host",
                    Mappings =
                    [
                        new() { BasePath = "v1", ApiId = "a", Stage = "prod" },
                        new() { BasePath = "v1", ApiId = "a", Stage = "prod" },
                        new() { BasePath = "v2", ApiId = "missing", Stage = "prod" },
                        new() { BasePath = "v3", ApiId = "a", Stage = "beta" },
                    ],
                },
            ],
        };

        var errors = Errors(config);

        Assert.Equal(
            [
                "domain not a host: expected a host name such as api.example.com",
                "domain not a host: base path 'v1' is mapped more than once",
                "domain not a host: base path 'v2' maps to api 'missing', which is not declared",
                "domain not a host: base path 'v3' maps to stage 'beta', which api 'a' does not declare",
            ],
            errors);
    }

    [Fact]
    public void Validate_References_ValidatorAuthorizerAndModelMustBeDeclared()
    {
        var route = Route("POST", "/x") with
        {
            RequestValidator = "strict",
            AuthorizationType = "CUSTOM",
            AuthorizerId = "tokens",
            RequestModels = new Dictionary<string, string> { ["application/json"] = "Thing" },
        };

        var errors = Errors(Config(Api(route)));

        Assert.Equal(3, errors.Count);
        Assert.Contains("api a: route POST /x: request validator 'strict' is not declared in requestValidators", errors);
        Assert.Contains("api a: route POST /x: authorizer 'tokens' is not declared in authorizers", errors);
        Assert.Contains("api a: route POST /x: request model 'Thing' for application/json is not declared in models", errors);
    }

    [Fact]
    public void Validate_EveryIntegrationType_IsServed()
    {
        // sql was the last type declared but not run; the capability warning has no example left.
        Assert.All(Enum.GetValues<IntegrationType>(), type => Assert.True(IntegrationSupport.IsServed(type), type.ToString()));
    }

    [Fact]
    public void Validate_SqlRouteNamingAnUndeclaredQuery_IsOnlyAWarningWhenNoQueriesAreDeclared()
    {
        var integration = new IntegrationDefinition
        {
            Type = IntegrationType.Sql,
            Position = At,
            Extras = new Dictionary<string, System.Text.Json.JsonElement> { ["query"] = System.Text.Json.JsonSerializer.SerializeToElement("orders") },
        };
        var config = Config(Api(Route("GET", "/x", integration)));

        var diagnostics = DefinitionValidator.Validate(config);

        var warning = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("t.yaml:3:5: warning: api a: route GET /x: integration: query 'orders' is not declared in this definition; the serving node must declare it, else requests get 500", warning.ToString());
    }

    [Fact]
    public void Validate_ServedHttpProxy_NoWarning() => Assert.Empty(DefinitionValidator.Validate(Config(Api(Route("GET", "/x")))));

    [Fact]
    public void Validate_ContentHandling_OnlyAwsValues()
    {
        IntegrationDefinition Mock(string? request, string? response) => new()
        {
            Type = IntegrationType.Mock,
            ContentHandling = request,
            Responses = [new IntegrationResponseDefinition { StatusCode = "200", ContentHandling = response }],
            Position = At,
        };

        Assert.Empty(Errors(Config(Api(Route("GET", "/a", Mock("CONVERT_TO_BINARY", "CONVERT_TO_TEXT"))))));
        Assert.Empty(Errors(Config(Api(Route("GET", "/a", Mock(null, null))))));
        var errors = Errors(Config(Api(Route("GET", "/a", Mock("CONVERT_TO_JPEG", "convert_to_text")))));
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Contains("must be CONVERT_TO_BINARY or CONVERT_TO_TEXT", e, StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("contentHandling 'CONVERT_TO_JPEG'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("response 200: contentHandling 'convert_to_text'", StringComparison.Ordinal));
    }
}
