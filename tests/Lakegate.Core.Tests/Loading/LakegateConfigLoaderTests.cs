using System.Text.Json;
using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;

namespace Lakegate.Core.Tests.Loading;

public class LakegateConfigLoaderTests
{
    internal const string FullExample = """
        version: 1
        server:
          accessLog: false
          limits: { maxRequestBodyBytes: 1048576, maxRequestHeaderBytes: 8192, maxRequestHeaderCount: 50, requestTimeoutSeconds: 30 }
        apis:
          - id: quickstart
            name: Quickstart
            description: Items service
            type: rest
            binaryMediaTypes: [image/png]
            apiKeySource: HEADER
            minimumCompressionSize: 1024
            disableExecuteApiEndpoint: false
            policy: { Version: "2012-10-17", Statement: [] }
            models: { Item: { type: object, required: [id] } }
            requestValidators: { all: { validateRequestBody: true, validateRequestParameters: true } }
            requestValidator: all
            authorizers: { tokens: { type: token, authorizerUri: "arn:aws:lambda:us-east-1:123456789012:function:tokens", identitySource: method.request.header.Authorization, authorizerResultTtlInSeconds: 300 } }
            gatewayResponses:
              MISSING_AUTHENTICATION_TOKEN:
                statusCode: 404
                responseParameters: { gatewayresponse.header.X-Why: "'no route'" }
                responseTemplates: { application/json: '{"message":$context.error.messageString}' }
            routes:
              - route: GET /items/{id}
                operationName: getItem
                apiKeyRequired: true
                authorizationType: CUSTOM
                authorizer: tokens
                authorizationScopes: [read]
                requestValidator: all
                requestParameters: { method.request.querystring.q: true }
                requestModels: { application/json: Item }
                integration:
                  type: http_proxy
                  uri: http://127.0.0.1:8080/items/{id}
                  httpMethod: GET
                  timeoutInMillis: 29000
                  requestParameters: { integration.request.header.X-Id: method.request.path.id }
                  passthroughBehavior: WHEN_NO_MATCH
                  contentHandling: CONVERT_TO_TEXT
                  connectionType: INTERNET
                  cacheKeyParameters: [method.request.path.id]
                  tlsInsecureSkipVerification: true
                  responses:
                    - { selectionPattern: "4\\d{2}", statusCode: "400", responseParameters: {}, responseTemplates: {} }
                    - { statusCode: 200 }
              - route: post /items
                integration:
                  type: sql
                  query: items
                  sql: { table: items, format: parquet }
            stages:
              - name: prod
                description: Production
                variables: { backend: "127.0.0.1:8080" }
                canary: { percentTraffic: 10, stageVariableOverrides: { backend: "127.0.0.1:8081" } }
          - id: edge
            type: http
            cors: { allowOrigins: ["*"] }
            routes:
              - route: $default
                integration: { type: HTTP_PROXY, uri: "http://${stageVariables.backend}", payloadFormatVersion: "2.0" }
            stages:
              - name: $default
        domains:
          - name: api.example.test
            mappings:
              - { basePath: v1, api: quickstart, stage: prod }
              - { basePath: "(none)", api: edge, stage: $default }
        """;

    [Fact]
    public void Load_FullExample_BindsEveryField()
    {
        var result = DefinitionLoader.LoadText(FullExample, "lakegate.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        var config = result.Config!;
        Assert.Equal("lakegate.yaml", config.SourceFile);
        Assert.False(config.Server.AccessLog);
        Assert.Equal(new ServerLimitsDefinition { MaxRequestBodyBytes = 1048576, MaxRequestHeaderBytes = 8192, MaxRequestHeaderCount = 50, RequestTimeoutSeconds = 30 }, config.Server.Limits);

        var api = config.Apis[0];
        Assert.Equal("quickstart", api.Id);
        Assert.Equal("Quickstart", api.Name);
        Assert.Equal("Items service", api.Description);
        Assert.Equal(ApiKind.Rest, api.Kind);
        Assert.Equal(["image/png"], api.BinaryMediaTypes);
        Assert.Equal(1024, api.MinimumCompressionSize);
        Assert.Equal("2012-10-17", api.Policy!.Value.GetProperty("Version").GetString());
        Assert.Equal("""{"type":"object","required":["id"]}""", api.Models["Item"].GetRawText());
        Assert.Equal(new RequestValidatorDefinition { ValidateRequestBody = true, ValidateRequestParameters = true }, api.RequestValidators["all"]);
        Assert.Equal("all", api.DefaultRequestValidator);
        Assert.Equal(300, api.Authorizers["tokens"].GetProperty("authorizerResultTtlInSeconds").GetInt32());
        var missing = api.GatewayResponses["MISSING_AUTHENTICATION_TOKEN"];
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal("'no route'", missing.ResponseParameters["gatewayresponse.header.X-Why"]);
        Assert.Equal("""{"message":$context.error.messageString}""", missing.ResponseTemplates["application/json"]);

        Assert.Equal(2, api.Routes.Count);
        var get = api.Routes[0];
        Assert.Equal(("GET", "/items/{id}"), (get.Method, get.Path));
        Assert.Equal(new SourcePosition("lakegate.yaml", 25, 16), get.Position);
        Assert.Equal("getItem", get.OperationName);
        Assert.True(get.ApiKeyRequired);
        Assert.Equal("CUSTOM", get.AuthorizationType);
        Assert.Equal("tokens", get.AuthorizerId);
        Assert.Equal(["read"], get.AuthorizationScopes);
        Assert.Equal("all", get.RequestValidator);
        Assert.True(get.RequestParameters["method.request.querystring.q"]);
        Assert.Equal("Item", get.RequestModels["application/json"]);
        var integration = get.Integration;
        Assert.Equal(IntegrationType.HttpProxy, integration.Type);
        Assert.Equal("http://127.0.0.1:8080/items/{id}", integration.Uri);
        Assert.Equal("GET", integration.HttpMethod);
        Assert.Equal(29000, integration.TimeoutInMillis);
        Assert.Equal("method.request.path.id", integration.RequestParameters["integration.request.header.X-Id"]);
        Assert.Equal("WHEN_NO_MATCH", integration.PassthroughBehavior);
        Assert.Equal("CONVERT_TO_TEXT", integration.ContentHandling);
        Assert.Equal("INTERNET", integration.ConnectionType);
        Assert.Equal(["method.request.path.id"], integration.CacheKeyParameters);
        Assert.True(integration.TlsInsecureSkipVerification);
        Assert.Equal(2, integration.Responses.Count);
        Assert.Equal(@"4\d{2}", integration.Responses[0].SelectionPattern);
        Assert.Equal("400", integration.Responses[0].StatusCode);
        Assert.Null(integration.Responses[1].SelectionPattern);
        Assert.Equal("200", integration.Responses[1].StatusCode);

        var post = api.Routes[1];
        Assert.Equal(("POST", "/items"), (post.Method, post.Path));
        Assert.Equal(IntegrationType.Sql, post.Integration.Type);
        Assert.Equal("""{"table":"items","format":"parquet"}""", post.Integration.Extras["sql"].GetRawText());

        var edge = config.Apis[1];
        Assert.Equal(ApiKind.Http, edge.Kind);
        Assert.Equal(JsonValueKind.Array, edge.Cors!.Value.GetProperty("allowOrigins").ValueKind);
        Assert.Equal(("ANY", "$default"), (edge.Routes[0].Method, edge.Routes[0].Path));
        Assert.Equal("2.0", edge.Routes[0].Integration.PayloadFormatVersion);

        Assert.Equal(2, config.Stages.Count);
        var prod = config.Stages[0];
        Assert.Equal(("quickstart", "prod", "Production"), (prod.ApiId, prod.Name, prod.Description));
        Assert.Equal("127.0.0.1:8080", prod.Variables["backend"]);
        Assert.Equal(10, prod.Canary!.PercentTraffic);
        Assert.Equal("127.0.0.1:8081", prod.Canary.StageVariableOverrides["backend"]);
        Assert.Equal(("edge", "$default"), (config.Stages[1].ApiId, config.Stages[1].Name));

        var domain = Assert.Single(config.Domains);
        Assert.Equal("api.example.test", domain.Name);
        Assert.Equal(("v1", "quickstart", "prod"), (domain.Mappings[0].BasePath, domain.Mappings[0].ApiId, domain.Mappings[0].Stage));
        Assert.Equal(string.Empty, domain.Mappings[1].BasePath);
    }

    [Fact]
    public void Load_FullExample_RoundTripsThroughJson()
    {
        // Deployments store ApiDefinition as JSON; whatever the loader builds must survive that unchanged.
        var config = DefinitionLoader.LoadText(FullExample, "lakegate.yaml").Config!;

        var json = JsonSerializer.Serialize(config);
        var again = JsonSerializer.Serialize(JsonSerializer.Deserialize<LakegateConfig>(json));

        Assert.Equal(json, again);
        Assert.Contains("\"TimeoutInMillis\":29000", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FullExample_WarnsAboutKeptButUnenforcedFeatures_ButNotEnforcedValidators()
    {
        var result = DefinitionLoader.LoadText(FullExample, "lakegate.yaml");

        var warnings = result.Warnings.Select(w => w.Message).ToList();
        Assert.Contains("api quickstart: route POST /items: integration: query 'items' is not declared in this definition; the serving node must declare it, else requests get 500", warnings);
        Assert.DoesNotContain(warnings, w => w.Contains("apiKeyRequired", StringComparison.Ordinal)); // enforced now (HEADER source)
        Assert.DoesNotContain(warnings, w => w.Contains("authorizationType CUSTOM", StringComparison.Ordinal)); // enforced now
        Assert.DoesNotContain(warnings, w => w.Contains("request validator", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("resource policy", StringComparison.Ordinal)); // enforced now
        Assert.Contains(warnings, w => w.Contains("authorizer tokens: Lambda function 'tokens' is not declared", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownKey_IsAnErrorAtTheKey()
    {
        var yaml = """
            version: 1
            apis:
              - id: a
                routes:
                  - route: GET /x
                    integraton: { type: mock }
            """;

        var result = DefinitionLoader.LoadText(yaml, "lakegate.yaml");

        Assert.Null(result.Config);
        var error = Assert.Single(result.Errors, e => e.Message.Contains("integraton", StringComparison.Ordinal));
        Assert.Equal("lakegate.yaml:6:9: apis[0].routes[0]: unknown key 'integraton'", error.ToString());
        Assert.Contains(result.Errors, e => e.ToString() == "lakegate.yaml:5:9: apis[0].routes[0]: missing required key 'integration'");
    }

    [Fact]
    public void Load_WrongType_NamesTheFieldPath()
    {
        var yaml = """
            version: 1
            apis:
              - id: a
                routes:
                  - route: GET /a
                    integration: { type: mock }
                  - route: GET /b
                    integration: { type: mock }
                  - route: GET /c
                    integration:
                      type: http_proxy
                      uri: http://localhost/
                      timeoutInMillis: soon
            """;

        var result = DefinitionLoader.LoadText(yaml, "lakegate.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal("lakegate.yaml:13:28: apis[0].routes[2].integration.timeoutInMillis: expected an integer", error.ToString());
    }

    [Fact]
    public void Load_QuotedNumberForInteger_IsAnError()
    {
        var yaml = "version: 1\nserver:\n  limits: { maxRequestHeaderCount: \"100\" }\n";

        var result = DefinitionLoader.LoadText(yaml, "l.yaml");

        Assert.Equal("l.yaml:3:36: server.limits.maxRequestHeaderCount: expected an integer", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Load_ManyProblems_AreAllReportedInOneLoad()
    {
        var yaml = """
            version: 2
            colour: blue
            server:
              accessLog: maybe
            apis:
              - id: _private
                type: soap
                routes:
                  - route: GET
                    integration: { type: carrier-pigeon }
                stages:
                  - name: "bad name"
            """;

        var result = DefinitionLoader.LoadText(yaml, "l.yaml");

        Assert.Null(result.Config);
        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("l.yaml:1:10: version: unsupported version 2; this build reads version 1", errors);
        Assert.Contains("l.yaml:2:1: unknown key 'colour'", errors);
        Assert.Contains("l.yaml:4:14: server.accessLog: expected true or false", errors);
        Assert.Contains("l.yaml:7:11: apis[0].type: expected rest or http", errors);
        Assert.Contains("l.yaml:9:16: apis[0].routes[0].route: expected \"METHOD /path\" (for example \"GET /items/{id}\") or \"$default\"", errors);
        Assert.Contains(errors, e => e.StartsWith("l.yaml:10:30: apis[0].routes[0].integration.type: unknown integration type 'carrier-pigeon'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("l.yaml:6:5: api id '_private'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("l.yaml:12:9: api _private: stage 'bad name'", StringComparison.Ordinal));
        Assert.True(errors.Count >= 8);
    }

    [Fact]
    public void Load_MissingVersion_IsAnError()
    {
        var result = DefinitionLoader.LoadText("apis: []\n", "l.yaml");

        Assert.Equal("l.yaml:1:1: missing required key 'version'", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Load_YamlSyntaxError_ReportsExactPosition()
    {
        var result = DefinitionLoader.LoadText("version: 1\napis: a: b\n", "l.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal(new SourcePosition("l.yaml", 2, 8), error.Position);
    }

    [Fact]
    public void Load_OpenApiReference_ResolvesAgainstTheConfigDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("lakegate-loader-");
        try
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Loading", "Fixtures", "openapi.spec.json"), Path.Combine(directory.FullName, "pets.json"));
            var configPath = Path.Combine(directory.FullName, "lakegate.yaml");
            File.WriteAllText(configPath, """
                version: 1
                apis:
                  - id: pets
                    openapi: ./pets.json
                    name: Renamed
                    routes:
                      - route: GET /health
                        integration: { type: http_proxy, uri: "http://127.0.0.1:9000/health" }
                """);

            var result = DefinitionLoader.Load(configPath);

            Assert.False(result.HasErrors, string.Join("\n", result.Errors));
            var api = Assert.Single(result.Config!.Apis);
            Assert.Equal("pets", api.Id);
            Assert.Equal("Renamed", api.Name);
            Assert.Equal(ApiKind.Http, api.Kind);
            Assert.Equal(["GET /pets", "POST /pets", "GET /pets/{petId}", "GET /health"], api.Routes.Select(r => r.RouteKey));
            Assert.Equal(Path.Combine(directory.FullName, "./pets.json"), api.Routes[0].Position!.Value.File);
            var stage = Assert.Single(result.Config.Stages);
            Assert.Equal(("pets", "$default"), (stage.ApiId, stage.Name));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_MissingOpenApiFile_IsAnErrorAtTheReference()
    {
        var result = DefinitionLoader.LoadText("version: 1\napis:\n  - id: a\n    openapi: nope.yaml\n", "/tmp/none/l.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal(new SourcePosition("/tmp/none/l.yaml", 4, 14), error.Position);
        Assert.EndsWith("nope.yaml: file not found", error.Message, StringComparison.Ordinal);
    }
}
