using System.Net;
using System.Text.Json;
using Lakegate.Gateway.Tests.Functional;
using Lakegate.Gateway.Tests.Functions;

namespace Lakegate.Gateway.Tests.Authorizers;

/// <summary>
/// Lambda authorizers through a real gateway whose authorizer functions are real Node workers
/// (Functions/Workers/runtime.mjs). Each authorizer function appends to its own count file, so
/// "invoked once" is counted by the function, not inferred.
/// </summary>
public sealed class LambdaAuthorizerTests : IAsyncLifetime
{
    private const string Arn = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:authz-tok/invocations";

    private static readonly string Config = $$"""
        version: 1
        functions:
          - { name: router, command: [node, runtime.mjs], handler: runtime.router }
          - { name: authz-tok, command: [node, runtime.mjs], handler: runtime.authorize }
          - { name: authz-nocache, command: [node, runtime.mjs], handler: runtime.authorize }
          - { name: authz-req, command: [node, runtime.mjs], handler: runtime.authorize }
          - { name: authz-simple, command: [node, runtime.mjs], handler: runtime.authorize }
        apis:
          - id: secure
            authorizers:
              tok:
                type: apiKey
                name: Authorization
                in: header
                x-amazon-apigateway-authtype: custom
                x-amazon-apigateway-authorizer:
                  type: token
                  authorizerUri: {{Arn}}
                  authorizerResultTtlInSeconds: 300
                  identityValidationExpression: '[a-z-]+(:.*)?'
              nocache:
                type: token
                function: authz-nocache
                identitySource: method.request.header.Authorization
                authorizerResultTtlInSeconds: 0
              req:
                type: request
                function: authz-req
                identitySource: method.request.header.X-Token, method.request.querystring.tenant
            routes:
              - route: GET /items/{id}
                authorizationType: CUSTOM
                authorizer: tok
                integration: &context
                  type: mock
                  requestTemplates: { application/json: '{"statusCode": 200}' }
                  responses:
                    - statusCode: 200
                      responseTemplates:
                        application/json: '{"principal":"$context.authorizer.principalId","user":"$context.authorizer.user","n":"$context.authorizer.n","ok":"$context.authorizer.ok","resource":"$context.resourcePath"}'
              - { route: "POST /items/{id}", authorizationType: CUSTOM, authorizer: tok, integration: *context }
              - route: GET /proxy/{id}
                authorizationType: CUSTOM
                authorizer: tok
                integration: { type: aws_proxy, function: router }
              - { route: "GET /nocache", authorizationType: CUSTOM, authorizer: nocache, integration: *context }
              - route: GET /req/{id}
                authorizationType: CUSTOM
                authorizer: req
                integration: { type: aws_proxy, function: router }
              - { route: "GET /admin", authorizationType: CUSTOM, authorizer: tok, integration: *context }
              - route: GET /public/{proxy+}
                integration:
                  type: mock
                  requestTemplates: { application/json: '{"statusCode": 200}' }
                  responses: [{ statusCode: 200, responseTemplates: { application/json: '{"resource":"$context.resourcePath"}' } }]
            stages: [{ name: prod, variables: { color: blue } }]
          - id: edge
            type: http
            authorizers:
              simple:
                type: request
                function: authz-simple
                identitySource: [$request.header.X-Token]
                authorizerPayloadFormatVersion: "2.0"
                enableSimpleResponses: true
                authorizerResultTtlInSeconds: 0
              v1:
                type: request
                function: authz-simple
                identitySource: $request.header.X-Token
                authorizerPayloadFormatVersion: "1.0"
                authorizerResultTtlInSeconds: 0
            routes:
              - { route: "GET /items/{id}", authorizationType: CUSTOM, authorizer: simple, integration: { type: aws_proxy, function: router } }
              - { route: "GET /v1/{id}", authorizationType: CUSTOM, authorizer: v1, integration: { type: aws_proxy, function: router } }
            stages: [{ name: $default }]
        """;

    private readonly string _counts = Directory.CreateTempSubdirectory("lakegate-authz-").FullName;
    private FunctionGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await FunctionGateway.StartAsync(
        [
            FunctionGateway.Worker("router"),
            Counted("authz-tok"),
            Counted("authz-nocache"),
            Counted("authz-req"),
            Counted("authz-simple"),
        ]);
        await _gateway.DeployAsync(TrafficConfigs.Load(Config));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        Directory.Delete(_counts, recursive: true);
    }

    private Core.Definitions.FunctionDefinition Counted(string name) =>
        FunctionGateway.Worker(name, maxConcurrency: 2, environment: new Dictionary<string, string> { ["AUTHZ_COUNT_FILE"] = Path.Combine(_counts, name) });

    private int Invocations(string function)
    {
        var file = Path.Combine(_counts, function);
        return File.Exists(file) ? File.ReadAllLines(file).Length : 0;
    }

    private async Task<(HttpStatusCode Status, string Body, string? ErrorType)> SendAsync(string path, string? token = null, HttpMethod? method = null, string header = "Authorization")
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation(header, token);
        }

        using var response = await _gateway.Client.SendAsync(request);
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First() : null;
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), errorType);
    }

    [Fact]
    public async Task Token_Allow_ContextReachesMockTemplateAsStrings()
    {
        var (status, body, _) = await SendAsync("/secure/prod/items/1", "allow");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"principal":"user-1","user":"alice","n":"7","ok":"true","resource":"/items/{id}"}""", body);
    }

    [Fact]
    public async Task Token_MissingHeader_Is401WithoutInvoking()
    {
        var (status, body, errorType) = await SendAsync("/secure/prod/items/1");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("""{"message":"Unauthorized"}""", body);
        Assert.Equal("UnauthorizedException", errorType);
        Assert.Equal(0, Invocations("authz-tok"));
    }

    [Fact]
    public async Task Token_NotMatchingValidationExpression_Is401WithoutInvoking()
    {
        var (status, body, _) = await SendAsync("/secure/prod/items/1", "Bearer allow");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("""{"message":"Unauthorized"}""", body);
        Assert.Equal(0, Invocations("authz-tok"));
    }

    [Fact]
    public async Task Token_ExplicitDeny_Is403WithCapitalMessage()
    {
        var (status, body, errorType) = await SendAsync("/secure/prod/items/1", "deny");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("""{"Message":"User is not authorized to access this resource with an explicit deny"}""", body);
        Assert.Equal("AccessDeniedException", errorType);
    }

    [Fact]
    public async Task Token_NoMatchingAllow_IsImplicitDeny403()
    {
        var (status, body, errorType) = await SendAsync("/secure/prod/items/1", "nothing");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("""{"Message":"User is not authorized to access this resource"}""", body);
        Assert.Equal("AccessDeniedException", errorType);
    }

    [Theory]
    [InlineData("malformed")]
    [InlineData("notjson")]
    [InlineData("badcontext")]
    [InlineData("throw")]
    public async Task Token_BrokenAuthorizer_Is500ConfigurationError(string token)
    {
        var (status, body, errorType) = await SendAsync("/secure/prod/items/1", token);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("""{"message":null}""", body);
        Assert.Equal("AuthorizerConfigurationException", errorType);
        Assert.Equal(1, Invocations("authz-tok"));
    }

    [Fact]
    public async Task Token_FunctionErrorUnauthorized_Is401()
    {
        var (status, body, _) = await SendAsync("/secure/prod/items/1", "unauthorized");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("""{"message":"Unauthorized"}""", body);
        Assert.Equal(1, Invocations("authz-tok"));
    }

    [Fact]
    public async Task Cache_SameToken_InvokesOnceAcrossRequests_AndRechecksPolicyPerMethodArn()
    {
        for (var i = 1; i <= 5; i++)
        {
            var (status, _, _) = await SendAsync($"/secure/prod/items/{i}", "allow-get-items");
            Assert.Equal(HttpStatusCode.OK, status);
        }

        Assert.Equal(1, Invocations("authz-tok"));

        // The cached policy allows GET /items/*; the same token on POST is denied without a new invocation.
        var (postStatus, postBody, _) = await SendAsync("/secure/prod/items/1", "allow-get-items", HttpMethod.Post);
        Assert.Equal(HttpStatusCode.Forbidden, postStatus);
        Assert.Equal("""{"Message":"User is not authorized to access this resource"}""", postBody);
        Assert.Equal(1, Invocations("authz-tok"));
    }

    [Fact]
    public async Task Cache_PolicyForOneArn_DeniesAnotherResource()
    {
        // "allow" grants exactly the first method ARN: AWS's documented caching pitfall, reproduced.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("/secure/prod/items/1", "allow")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("/secure/prod/items/2", "allow")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("/secure/prod/items/1", "allow")).Status);
        Assert.Equal(1, Invocations("authz-tok"));

        // A different token is a different cache entry.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("/secure/prod/items/2", "allow:other")).Status);
        Assert.Equal(2, Invocations("authz-tok"));
    }

    [Fact]
    public async Task Cache_WildcardsInPolicyResource_AreIamWildcards()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("/secure/prod/items/9", "allow-wild")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("/secure/prod/items/9", "allow-wild", HttpMethod.Post)).Status);
    }

    [Fact]
    public async Task TtlZero_InvokesOnEveryRequest()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync("/secure/prod/nocache", "allow-all")).Status);
        }

        Assert.Equal(3, Invocations("authz-nocache"));
    }

    [Fact]
    public async Task ProxyEvent_CarriesAuthorizerContextFlatWithPrincipalId()
    {
        var (status, body, _) = await SendAsync("/secure/prod/proxy/7", "allow-all");
        Assert.Equal(HttpStatusCode.OK, status);

        var authorizer = JsonDocument.Parse(body).RootElement.GetProperty("event").GetProperty("requestContext").GetProperty("authorizer");
        Assert.Equal("alice", authorizer.GetProperty("user").GetString());
        Assert.Equal("7", authorizer.GetProperty("n").GetString());
        Assert.Equal("true", authorizer.GetProperty("ok").GetString());
        Assert.Equal("user-1", authorizer.GetProperty("principalId").GetString());
        Assert.Equal(JsonValueKind.Number, authorizer.GetProperty("integrationLatency").ValueKind);
    }

    [Fact]
    public async Task Request_EventHasRequestShape_AndCacheKeyIsEveryIdentitySource()
    {
        var (status, body, _) = await SendAsync("/secure/prod/req/1?tenant=t1", "echo", header: "X-Token");
        Assert.Equal(HttpStatusCode.OK, status);

        var authorizer = JsonDocument.Parse(body).RootElement.GetProperty("event").GetProperty("requestContext").GetProperty("authorizer");
        var e = JsonDocument.Parse(authorizer.GetProperty("event").GetString()!).RootElement;
        Assert.Equal("REQUEST", e.GetProperty("type").GetString());
        Assert.Equal("arn:aws:execute-api:us-east-1:000000000000:secure/prod/GET/req/1", e.GetProperty("methodArn").GetString());
        Assert.Equal("/req/{id}", e.GetProperty("resource").GetString());
        Assert.Equal("/req/1", e.GetProperty("path").GetString());
        Assert.Equal("GET", e.GetProperty("httpMethod").GetString());
        Assert.Equal("echo", e.GetProperty("headers").GetProperty("X-Token").GetString());
        Assert.Equal("t1", e.GetProperty("queryStringParameters").GetProperty("tenant").GetString());
        Assert.Equal("1", e.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal("blue", e.GetProperty("stageVariables").GetProperty("color").GetString());
        Assert.Equal("prod", e.GetProperty("requestContext").GetProperty("stage").GetString());
        Assert.False(e.TryGetProperty("body", out _));
        Assert.Equal(1, Invocations("authz-req"));

        // Same values: cached. Another tenant: a new invocation. No tenant: 401 without invoking.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("/secure/prod/req/2?tenant=t1", "echo", header: "X-Token")).Status);
        Assert.Equal(1, Invocations("authz-req"));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("/secure/prod/req/2?tenant=t2", "echo", header: "X-Token")).Status);
        Assert.Equal(2, Invocations("authz-req"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync("/secure/prod/req/2", "echo", header: "X-Token")).Status);
        Assert.Equal(2, Invocations("authz-req"));
    }

    [Fact]
    public async Task TokenEvent_HasTypeTokenAndMethodArn()
    {
        var (status, body, _) = await SendAsync("/secure/prod/proxy/5", "echo");
        Assert.Equal(HttpStatusCode.OK, status);

        var authorizer = JsonDocument.Parse(body).RootElement.GetProperty("event").GetProperty("requestContext").GetProperty("authorizer");
        var e = JsonDocument.Parse(authorizer.GetProperty("event").GetString()!).RootElement;
        Assert.Equal(
            """{"type":"TOKEN","authorizationToken":"echo","methodArn":"arn:aws:execute-api:us-east-1:000000000000:secure/prod/GET/proxy/5"}""",
            e.GetRawText());
    }

    [Theory]
    [InlineData("/secure/prod/public/../admin")]
    [InlineData("/secure/prod//admin")]
    [InlineData("/secure/prod/./admin")]
    [InlineData("/secure/prod/public/%2e%2e/admin")]
    [InlineData("/secure/prod/public/%2E%2E/admin")]
    [InlineData("/secure/prod/admin/")]
    [InlineData("/secure/prod/public/x/../../admin")]
    public async Task PathTricks_ThatResolveToAdmin_StillNeedItsAuthorizer(string path)
    {
        var (status, body, _) = await SendAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("""{"message":"Unauthorized"}""", body);
    }

    [Theory]
    [InlineData("/secure/prod/public/..%2fadmin", "/public/{proxy+}")]
    [InlineData("/secure/prod/public/%2e%2e%2fadmin", "/public/{proxy+}")]
    public async Task PathTricks_WithEncodedSlash_StayInsideThePublicResource(string path, string resource)
    {
        var (status, body, _) = await SendAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($$"""{"resource":"{{resource}}"}""", body);
    }

    [Theory]
    [InlineData("/secure/prod/ADMIN")]
    [InlineData("/secure/prod/Admin")]
    public async Task PathTricks_OtherCase_IsNoRoute(string path)
    {
        var (status, body, _) = await SendAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", body);
    }

    [Fact]
    public async Task PathTricks_PolicyForItems_DoesNotCoverAdminReachedThroughDotSegments()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("/secure/prod/items/1", "allow-get-items")).Status);

        var (status, _, _) = await SendAsync("/secure/prod/items/%2e%2e/admin", "allow-get-items");
        Assert.Equal(HttpStatusCode.Forbidden, status);

        // An encoded slash stays inside the segment in the method ARN too.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("/secure/prod/items/a%2Fb", "allow-get-items")).Status);
        Assert.Equal(1, Invocations("authz-tok"));
    }

    [Fact]
    public async Task HttpApi_SimpleResponses_AllowDenyAndContext()
    {
        var (status, body, _) = await SendAsync("/edge/items/3", "simple-true", header: "X-Token");
        Assert.True(status == HttpStatusCode.OK, body);
        var e = JsonDocument.Parse(body).RootElement.GetProperty("event");
        var lambda = e.GetProperty("requestContext").GetProperty("authorizer").GetProperty("lambda");
        Assert.Equal("""{"user":"bob","list":[1,2],"obj":{"a":"b"}}""", lambda.GetRawText());

        var denied = await SendAsync("/edge/items/3", "simple-false", header: "X-Token");
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Equal("""{"message":"Forbidden"}""", denied.Body);

        var missing = await SendAsync("/edge/items/3");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal("""{"message":"Unauthorized"}""", missing.Body);

        var broken = await SendAsync("/edge/items/3", "throw", header: "X-Token");
        Assert.Equal(HttpStatusCode.InternalServerError, broken.Status);
        Assert.Equal("""{"message":"Internal Server Error"}""", broken.Body);
    }

    [Fact]
    public async Task HttpApi_Payload20Event_HasRouteArnAndIdentitySourceList()
    {
        var (status, body, _) = await SendAsync("/edge/items/4", "echo", header: "X-Token");
        Assert.Equal(HttpStatusCode.OK, status);
        var context = JsonDocument.Parse(body).RootElement.GetProperty("event").GetProperty("requestContext").GetProperty("authorizer").GetProperty("lambda");
        var e = JsonDocument.Parse(context.GetProperty("event").GetString()!).RootElement;

        Assert.Equal("2.0", e.GetProperty("version").GetString());
        Assert.Equal("REQUEST", e.GetProperty("type").GetString());
        Assert.Equal("arn:aws:execute-api:us-east-1:000000000000:edge/$default/GET/items/4", e.GetProperty("routeArn").GetString());
        Assert.Equal("""["echo"]""", e.GetProperty("identitySource").GetRawText());
        Assert.Equal("GET /items/{id}", e.GetProperty("routeKey").GetString());
        Assert.Equal("/items/4", e.GetProperty("rawPath").GetString());
    }

    [Fact]
    public async Task HttpApi_Payload10Event_HasVersionAndJoinedIdentitySource()
    {
        var (status, body, _) = await SendAsync("/edge/v1/4", "echo", header: "X-Token");
        Assert.Equal(HttpStatusCode.OK, status);
        var authorizer = JsonDocument.Parse(body).RootElement.GetProperty("event").GetProperty("requestContext").GetProperty("authorizer").GetProperty("lambda");
        var e = JsonDocument.Parse(authorizer.GetProperty("event").GetString()!).RootElement;

        Assert.Equal("1.0", e.GetProperty("version").GetString());
        Assert.Equal("REQUEST", e.GetProperty("type").GetString());
        Assert.Equal("echo", e.GetProperty("identitySource").GetString());
        Assert.Equal("echo", e.GetProperty("authorizationToken").GetString());
        Assert.Equal("arn:aws:execute-api:us-east-1:000000000000:edge/$default/GET/v1/4", e.GetProperty("methodArn").GetString());
    }
}
