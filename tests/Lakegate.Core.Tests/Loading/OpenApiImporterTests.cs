using System.Text.Json;
using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;

namespace Lakegate.Core.Tests.Loading;

public class OpenApiImporterTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Loading", "Fixtures", name);

    private static LakegateConfig LoadClean(string path, LoadOptions? options = null)
    {
        var result = DefinitionLoader.Load(path, options);
        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        return result.Config!;
    }

    [Fact]
    public void Import_PetstoreAuthorizerSwagger_MapsRoutesIntegrationsAndAuthorizers()
    {
        var config = LoadClean(Fixture("petstore-authorizer.swagger.json"));

        var api = Assert.Single(config.Apis);
        Assert.Equal("petstore", api.Id);
        Assert.Equal("PetStore", api.Name);
        Assert.Equal(ApiKind.Rest, api.Kind);
        Assert.Equal(
            ["GET /", "GET /pets", "POST /pets", "OPTIONS /pets", "GET /pets/{petId}", "OPTIONS /pets/{petId}"],
            api.Routes.Select(r => r.RouteKey));
        Assert.Equal(
            [IntegrationType.Mock, IntegrationType.Http, IntegrationType.Http, IntegrationType.Mock, IntegrationType.Http, IntegrationType.Mock],
            api.Routes.Select(r => r.Integration.Type));

        var root = api.Routes[0];
        Assert.Equal("CUSTOM", root.AuthorizationType);
        Assert.Equal("test-authorizer", root.AuthorizerId);
        Assert.Equal("WHEN_NO_MATCH", root.Integration.PassthroughBehavior);
        Assert.Equal("""{"statusCode": 200}""", root.Integration.RequestTemplates["application/json"]);
        var rootResponse = Assert.Single(root.Integration.Responses);
        Assert.Null(rootResponse.SelectionPattern);
        Assert.Equal("200", rootResponse.StatusCode);
        Assert.Equal("'text/html'", rootResponse.ResponseParameters["method.response.header.Content-Type"]);
        Assert.StartsWith("<html>", rootResponse.ResponseTemplates["text/html"], StringComparison.Ordinal);

        var list = api.Routes[1];
        Assert.Equal("http://petstore.execute-api.eu-west-1.amazonaws.com/petstore/pets", list.Integration.Uri);
        Assert.Equal("GET", list.Integration.HttpMethod);
        Assert.Equal("method.request.querystring.page", list.Integration.RequestParameters["integration.request.querystring.page"]);
        Assert.Equal(new Dictionary<string, bool> { ["method.request.querystring.type"] = false, ["method.request.querystring.page"] = false }, list.RequestParameters);

        var create = api.Routes[2];
        Assert.Equal("CreatePet", create.OperationName);
        Assert.Equal("NONE", create.AuthorizationType);
        Assert.Equal("NewPet", create.RequestModels["application/json"]);

        var get = api.Routes[4];
        Assert.True(get.RequestParameters["method.request.path.petId"]);
        Assert.Equal("http://petstore.execute-api.eu-west-1.amazonaws.com/petstore/pets/{petId}", get.Integration.Uri);

        // Both schemes are kept, including the one no operation uses; the whole scheme is verbatim.
        Assert.Equal(["test-authorizer", "test-authorizer-not-used"], api.Authorizers.Keys);
        Assert.Equal("oauth2", api.Authorizers["test-authorizer"].GetProperty("x-amazon-apigateway-authtype").GetString());
        Assert.Equal(60, api.Authorizers["test-authorizer"].GetProperty("x-amazon-apigateway-authorizer").GetProperty("authorizerResultTtlInSeconds").GetInt32());
        Assert.Equal(["Pets", "Empty", "NewPetResponse", "Pet", "NewPet", "PetType"], api.Models.Keys);
        Assert.Equal(14, api.Extensions["x-amazon-apigateway-documentation"].GetProperty("documentationParts").GetArrayLength());

        var stage = Assert.Single(config.Stages);
        Assert.Equal(("petstore", "prod"), (stage.ApiId, stage.Name));
    }

    [Fact]
    public void Import_PetstoreAuthorizerSwagger_WarnsAboutUndeclaredAuthorizerFunctions_NotAboutServedIntegrations()
    {
        var result = DefinitionLoader.Load(Fixture("petstore-authorizer.swagger.json"));

        var warnings = result.Warnings.ToList();
        Assert.DoesNotContain(warnings, w => w.Message.Contains("authorizationType CUSTOM", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Message == "api petstore: authorizer test-authorizer: Lambda function 'function-name' is not declared (no functions: in this definition); requests will get 500");
        Assert.DoesNotContain(warnings, w => w.Message.Contains("MOCK integrations", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Message.Contains("HTTP (non-proxy) integrations", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_OpenApi30HttpApi_ResolvesIntegrationRefsAndKeepsCors()
    {
        var config = LoadClean(Fixture("openapi.spec.json"));

        var api = Assert.Single(config.Apis);
        Assert.Equal("example-pet-store", api.Id);
        Assert.Equal(ApiKind.Http, api.Kind);
        Assert.Equal(["GET /pets", "POST /pets", "GET /pets/{petId}"], api.Routes.Select(r => r.RouteKey));
        Assert.All(api.Routes, r => Assert.Equal(IntegrationType.HttpProxy, r.Integration.Type));
        Assert.All(api.Routes, r => Assert.Equal("1.0", r.Integration.PayloadFormatVersion));

        var post = api.Routes[1];
        Assert.Equal("POST", post.Integration.HttpMethod);
        Assert.Equal("http://petstore.execute-api.us-west-1.amazonaws.com/petstore/pets", post.Integration.Uri);
        Assert.Equal("NewPet", post.RequestModels["application/json"]);
        Assert.Equal("Create Pet", post.OperationName);

        var get = api.Routes[2];
        Assert.Equal("CUSTOM", get.AuthorizationType);
        Assert.Equal("myAuthorizer", get.AuthorizerId);
        Assert.Equal("request", api.Authorizers["myAuthorizer"].GetProperty("x-amazon-apigateway-authorizer").GetProperty("type").GetString());
        Assert.Equal(6, api.Cors!.Value.GetProperty("allowHeaders").GetArrayLength());
        Assert.Equal(6, api.Models.Count);

        Assert.Equal(("example-pet-store", "$default"), (config.Stages[0].ApiId, config.Stages[0].Name));
    }

    [Fact]
    public void Import_SwaggerMockCors_MapsMockAndLambdaProxyRoutes()
    {
        var config = LoadClean(Fixture("swagger-mock-cors.json"), new LoadOptions { ApiId = "cart", StageName = "dev" });

        var api = config.Apis[0];
        Assert.Equal("cart", api.Id);
        Assert.Equal(ApiKind.Rest, api.Kind);
        Assert.Equal(["OPTIONS /product/{product_id}", "GET /product/{product_id}", "OPTIONS /product", "GET /product"], api.Routes.Select(r => r.RouteKey));
        Assert.Equal(IntegrationType.Mock, api.Routes[0].Integration.Type);
        Assert.Equal("'OPTIONS,POST,GET'", api.Routes[0].Integration.Responses[0].ResponseParameters["method.response.header.Access-Control-Allow-Methods"]);
        Assert.Equal(IntegrationType.AwsProxy, api.Routes[1].Integration.Type);
        Assert.Equal("POST", api.Routes[1].Integration.HttpMethod);
        Assert.StartsWith("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/", api.Routes[1].Integration.Uri, StringComparison.Ordinal);
        Assert.Equal(("cart", "dev"), (config.Stages[0].ApiId, config.Stages[0].Name));
    }

    [Fact]
    public void Import_StageVariableUri_IsAcceptedAsHttpApi()
    {
        var config = LoadClean(Fixture("openapi.spec.stage-variables.json"));

        var route = Assert.Single(config.Apis[0].Routes);
        Assert.Equal(ApiKind.Http, config.Apis[0].Kind);
        Assert.Equal("example", config.Apis[0].Id);
        Assert.Equal("http://${stageVariables.url}", route.Integration.Uri);
        Assert.Equal("POST", route.Integration.HttpMethod);
    }

    [Fact]
    public void Import_S3ProxyExport_MapsAwsIntegrationsSigV4AndOrderedResponses()
    {
        var config = LoadClean(Fixture("s3-proxy.swagger.json"));

        var api = config.Apis[0];
        Assert.Equal("mys3", api.Id);
        Assert.Equal(
            ["GET /", "GET /{folder}", "PUT /{folder}", "DELETE /{folder}", "GET /{folder}/{item}", "HEAD /{folder}/{item}", "PUT /{folder}/{item}", "DELETE /{folder}/{item}"],
            api.Routes.Select(r => r.RouteKey));
        Assert.All(api.Routes, r => Assert.Equal(IntegrationType.Aws, r.Integration.Type));
        Assert.All(api.Routes, r => Assert.Equal("AWS_IAM", r.AuthorizationType));
        Assert.Empty(api.Authorizers);

        var put = api.Routes[6];
        Assert.Equal("arn:aws:apigateway:us-west-2:s3:path/{bucket}/{object}", put.Integration.Uri);
        Assert.Equal("PUT", put.Integration.HttpMethod);
        Assert.Equal("'authenticated-read'", put.Integration.RequestParameters["integration.request.header.x-amz-acl"]);
        Assert.Equal("arn:aws:iam::<replaceable>123456789012</replaceable>:role/apigAwsProxyRole", put.Integration.Credentials);
        Assert.False(put.RequestParameters["method.request.header.Content-Type"]);
        Assert.True(put.RequestParameters["method.request.path.item"]);
        Assert.Equal([@"4\d{2}", null, @"5\d{2}"], put.Integration.Responses.Select(r => r.SelectionPattern));
        Assert.Equal(["400", "200", "500"], put.Integration.Responses.Select(r => r.StatusCode));
        Assert.Equal("Empty Schema", api.Models["Empty"].GetProperty("title").GetString());
    }

    private const string ExtensionsYaml = """
        swagger: "2.0"
        info: { title: "Ünïcode & Friends API!", version: "1" }
        x-amazon-apigateway-binary-media-types: [image/png, "application/octet-stream"]
        x-amazon-apigateway-api-key-source: AUTHORIZER
        x-amazon-apigateway-minimum-compression-size: 1024
        x-amazon-apigateway-endpoint-configuration: { disableExecuteApiEndpoint: true, vpcEndpointIds: [vpce-1] }
        x-amazon-apigateway-policy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "*" }] }
        x-amazon-apigateway-request-validators:
          all: { validateRequestBody: true, validateRequestParameters: true }
          params: { validateRequestBody: false, validateRequestParameters: true }
        x-amazon-apigateway-request-validator: params
        x-amazon-apigateway-gateway-responses:
          MISSING_AUTHENTICATION_TOKEN: { statusCode: 404, responseTemplates: { application/json: '{"message":"no"}' } }
          DEFAULT_4XX: { statusCode: "400", responseParameters: { gatewayresponse.header.Access-Control-Allow-Origin: "'*'" } }
        x-amazon-apigateway-tag-value-ignored-by-aws: 7
        securityDefinitions:
          api_key: { type: apiKey, name: x-api-key, in: header }
          sigv4: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4 }
          pool:
            type: apiKey
            name: Authorization
            in: header
            x-amazon-apigateway-authtype: cognito_user_pools
            x-amazon-apigateway-authorizer: { type: cognito_user_pools, providerARNs: ["arn:aws:cognito-idp:us-east-1:1:userpool/p"] }
        definitions:
          Item: { type: object }
        paths:
          /items/{id}:
            parameters:
              - { name: id, in: path, required: true, type: string }
            get:
              security: [{ api_key: [] }]
              x-amazon-apigateway-request-validator: all
              x-amazon-apigateway-documentation-hint: kept
              x-amazon-apigateway-integration:
                type: HTTP_PROXY
                uri: http://backend/items/{id}
                httpMethod: GET
                timeoutInMillis: 5000
                tlsConfig: { insecureSkipVerification: true }
                responseTransferMode: STREAM
            put:
              security: [{ pool: [items/write, items/read] }]
              parameters:
                - { name: body, in: body, schema: { $ref: "#/definitions/Item" } }
              consumes: [application/json, application/x-item]
              x-amazon-apigateway-integration: { type: http_proxy, uri: "http://backend/items/{id}", httpMethod: PUT }
            delete:
              security: [{ sigv4: [] }]
              x-amazon-apigateway-auth: { type: none }
              x-amazon-apigateway-integration: { type: http_proxy, uri: "http://backend/items/{id}" }
          /files/{proxy+}:
            x-amazon-apigateway-any-method:
              x-amazon-apigateway-integration: { type: http_proxy, uri: "http://backend/{proxy}" }
            post:
              responses: {}
        """;

    [Fact]
    public void Import_RootAndOperationExtensions_AreMappedOrKeptVerbatim()
    {
        var result = DefinitionLoader.LoadText(ExtensionsYaml, "ext.yaml");

        Assert.Null(result.Config);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ext.yaml:55:5: route POST /files/{proxy+}: no x-amazon-apigateway-integration", error.ToString());
        // The operation without an integration is an error; every other route is still imported.
        var api = LoadingTestHelpers.ImportIgnoringValidation(ExtensionsYaml, "ext.yaml").Apis[0];
        Assert.Equal("n-code-friends-api", api.Id);
        Assert.Equal(["image/png", "application/octet-stream"], api.BinaryMediaTypes);
        Assert.Equal("AUTHORIZER", api.ApiKeySource);
        Assert.Equal(1024, api.MinimumCompressionSize);
        Assert.True(api.DisableExecuteApiEndpoint);
        Assert.Equal("vpce-1", api.EndpointConfiguration!.Value.GetProperty("vpcEndpointIds")[0].GetString());
        Assert.Equal("Allow", api.Policy!.Value.GetProperty("Statement")[0].GetProperty("Effect").GetString());
        Assert.Equal(new RequestValidatorDefinition { ValidateRequestParameters = true }, api.RequestValidators["params"]);
        Assert.Equal("params", api.DefaultRequestValidator);
        Assert.Equal(404, api.GatewayResponses["MISSING_AUTHENTICATION_TOKEN"].StatusCode);
        Assert.Equal(400, api.GatewayResponses["DEFAULT_4XX"].StatusCode);
        Assert.Equal("'*'", api.GatewayResponses["DEFAULT_4XX"].ResponseParameters["gatewayresponse.header.Access-Control-Allow-Origin"]);
        Assert.Equal(7, api.Extensions["x-amazon-apigateway-tag-value-ignored-by-aws"].GetInt32());
        Assert.Equal(["pool"], api.Authorizers.Keys);

        Assert.Equal(["GET /items/{id}", "PUT /items/{id}", "DELETE /items/{id}", "ANY /files/{proxy+}"], api.Routes.Select(r => r.RouteKey));
        var get = api.Routes[0];
        Assert.True(get.ApiKeyRequired);
        Assert.Equal("NONE", get.AuthorizationType);
        Assert.Equal("all", get.RequestValidator);
        Assert.True(get.RequestParameters["method.request.path.id"]);
        Assert.Equal("kept", get.Extensions["x-amazon-apigateway-documentation-hint"].GetString());
        Assert.Equal(5000, get.Integration.TimeoutInMillis);
        Assert.True(get.Integration.TlsInsecureSkipVerification);
        Assert.Equal("STREAM", get.Integration.Extras["responseTransferMode"].GetString());

        var put = api.Routes[1];
        Assert.Equal("COGNITO_USER_POOLS", put.AuthorizationType);
        Assert.Equal("pool", put.AuthorizerId);
        Assert.Equal(["items/write", "items/read"], put.AuthorizationScopes);
        Assert.Equal(new Dictionary<string, string> { ["application/json"] = "Item", ["application/x-item"] = "Item" }, put.RequestModels);

        // x-amazon-apigateway-auth overrides what security implies.
        Assert.Equal("NONE", api.Routes[2].AuthorizationType);
    }

    [Fact]
    public void Import_HttpApiDefaultRoute_BecomesAnyDollarDefault()
    {
        var yaml = """
            openapi: 3.0.1
            info: { title: quick, version: "1" }
            x-amazon-apigateway-importexport-version: "1.0"
            servers:
              - url: https://example.com
                x-amazon-apigateway-endpoint-configuration: { disableExecuteApiEndpoint: true }
            components:
              securitySchemes:
                jwt:
                  type: oauth2
                  flows: {}
                  x-amazon-apigateway-authorizer:
                    type: jwt
                    identitySource: $request.header.Authorization
                    jwtConfiguration: { issuer: "https://issuer", audience: [aud] }
            paths:
              /$default:
                x-amazon-apigateway-any-method:
                  isDefaultRoute: true
                  security: [{ jwt: [read] }]
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    integrationSubtype: SQS-SendMessage
                    credentials: arn:aws:iam::1:role/r
                    requestParameters: { QueueUrl: "https://sqs", MessageBody: $request.body }
                    payloadFormatVersion: "1.0"
            """;

        var result = DefinitionLoader.LoadText(yaml, "http.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        var api = result.Config!.Apis[0];
        Assert.Equal(ApiKind.Http, api.Kind);
        Assert.True(api.DisableExecuteApiEndpoint);
        Assert.Equal("1.0", api.Extensions["x-amazon-apigateway-importexport-version"].GetString());
        var route = Assert.Single(api.Routes);
        Assert.Equal(("ANY", "$default", "$default"), (route.Method, route.Path, route.RouteKey));
        Assert.Equal("JWT", route.AuthorizationType);
        Assert.Equal(["read"], route.AuthorizationScopes);
        Assert.Equal("SQS-SendMessage", route.Integration.Extras["integrationSubtype"].GetString());
        Assert.Equal("$request.body", route.Integration.RequestParameters["MessageBody"]);
        Assert.Equal("$default", result.Config.Stages[0].Name);
    }

    [Fact]
    public void Import_UnresolvableIntegrationRef_IsAnError()
    {
        var json = """
            {"openapi": "3.0.1", "info": {"title": "t", "version": "1"},
             "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"$ref": "#/components/x-amazon-apigateway-integrations/missing"}}}}}
            """;

        var result = DefinitionLoader.LoadText(json, "t.json");

        Assert.Equal(
            "t.json:2:71: paths./a.get.x-amazon-apigateway-integration: cannot resolve $ref '#/components/x-amazon-apigateway-integrations/missing'",
            Assert.Single(result.Errors).ToString());
    }

    [Theory]
    [InlineData("Example Pet Store", "example-pet-store")]
    [InlineData("  --My__API v2--  ", "my-api-v2")]
    [InlineData("!!!", "api")]
    [InlineData(null, "api")]
    public void DeriveId_Title_IsLowercaseDashed(string? title, string expected) => Assert.Equal(expected, OpenApiImporter.DeriveId(title));

    [Fact]
    public void DeriveId_LongTitle_IsCutAt64()
    {
        var id = OpenApiImporter.DeriveId(new string('a', 70));

        Assert.Equal(64, id.Length);
    }
}
