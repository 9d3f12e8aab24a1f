using System.Net;
using System.Text.Json;
using Lakegate.Core.Loading;
using Lakegate.Core.Signing;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lakegate.Gateway.Tests.Iam;

/// <summary>Resource policies through a real gateway, for unauthenticated and IAM routes, from lakegate.yaml and from OpenAPI.</summary>
public sealed class ResourcePolicyTests : GatewayTestBase
{
    private const string Arn = "arn:aws:execute-api:us-east-1:000000000000";

    protected override Task<TestGateway> StartGatewayAsync() => TestGateway.StartAsync(configure: o => o.MasterKey = IamGateway.Key);

    protected override Task OnStartedAsync() => IamGateway.DeployAsync(Gateway, $$"""
        version: 1
        apis:
          - id: guarded
            policy:
              Version: "2012-10-17"
              Statement:
                - Effect: Allow
                  Principal: "*"
                  Action: execute-api:Invoke
                  Resource: execute-api:/*
                - Effect: Deny
                  Principal: "*"
                  Action: execute-api:Invoke
                  Resource: execute-api:/*/GET/blocked/*
                  Condition:
                    IpAddress:
                      aws:SourceIp: [127.0.0.0/8, "::1/128"]
            routes:
        {{IamGateway.WhoAmIRoute("GET /ok", "NONE")}}
        {{IamGateway.WhoAmIRoute("GET /blocked/{id}", "NONE")}}
        {{IamGateway.WhoAmIRoute("GET /{proxy+}", "NONE")}}
            stages: [{ name: prod }]
          - id: lan
            policy:
              Statement:
                - Effect: Allow
                  Principal: "*"
                  Action: execute-api:Invoke
                  Resource: execute-api:/prod/*
                  Condition: { IpAddress: { aws:SourceIp: 10.0.0.0/8 } }
            routes:
        {{IamGateway.WhoAmIRoute("GET /ok", "NONE")}}
            stages: [{ name: prod }]
          - id: shared
            policy:
              Statement:
                - Effect: Allow
                  Principal: { AWS: ["arn:aws:iam::000000000000:user/policyonly", "111111111111"] }
                  Action: execute-api:Invoke
                  Resource: execute-api:/prod/GET/*
            routes:
        {{IamGateway.WhoAmIRoute("GET /data", "AWS_IAM")}}
            stages: [{ name: prod }]
          - id: private
            policy:
              Statement:
                - Effect: Allow
                  Principal: { AWS: "000000000000" }
                  Action: execute-api:Invoke
                  Resource: execute-api:/*
            routes:
        {{IamGateway.WhoAmIRoute("GET /data", "AWS_IAM")}}
            stages: [{ name: prod }]
        """);

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, AwsCredentials? credentials = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Gateway.BaseUrl + path);
        if (credentials is not null)
        {
            IamGateway.Sign(request, credentials);
        }

        using var response = await Gateway.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AllowStatement_LetsAnonymousCallersIn()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/guarded/prod/ok")).Status);
    }

    [Fact]
    public async Task ExplicitDenyOnSourceIp_WinsOverAllow()
    {
        var (status, body) = await GetAsync("/guarded/prod/blocked/7");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(
            $$"""{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {{Arn}}:guarded/prod/GET/blocked/7 with an explicit deny"}""",
            body);
    }

    [Fact]
    public async Task NoMatchingAllow_IsImplicitDenyForUnauthenticatedRoutes()
    {
        var (status, body) = await GetAsync("/lan/prod/ok");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($$"""{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {{Arn}}:lan/prod/GET/ok"}""", body);
    }

    [Fact]
    public async Task MethodArnOver1600Bytes_Is414()
    {
        var (status, body) = await GetAsync("/guarded/prod/" + string.Join('/', Enumerable.Repeat(new string('a', 100), 16)));
        var (okStatus, _) = await GetAsync("/guarded/prod/" + string.Join('/', Enumerable.Repeat(new string('a', 100), 14)));

        Assert.Equal((HttpStatusCode)414, status);
        Assert.Equal("""{"message":"Request URI too long"}""", body);
        Assert.Equal(HttpStatusCode.OK, okStatus);
    }

    [Fact]
    public async Task SameAccountUser_ResourcePolicyAllowSuffices()
    {
        var policyOnly = await IamGateway.CreateKeyAsync(Gateway, "policyonly");
        var neither = await IamGateway.CreateKeyAsync(Gateway, "neither");

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/shared/prod/data", policyOnly)).Status);
        var (status, body) = await GetAsync("/shared/prod/data", neither);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($$"""{"Message":"User: arn:aws:iam::000000000000:user/neither is not authorized to perform: execute-api:Invoke on resource: {{Arn}}:shared/prod/GET/data"}""", body);
    }

    [Fact]
    public async Task CrossAccountUser_NeedsBothIdentityAndResourceAllow()
    {
        var both = await IamGateway.CreateKeyAsync(Gateway, "partner", "111111111111", IamGateway.AllowAll);
        var resourceOnly = await IamGateway.CreateKeyAsync(Gateway, "partner-bare", "111111111111");
        var identityOnly = await IamGateway.CreateKeyAsync(Gateway, "stranger", "222222222222", IamGateway.AllowAll);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/shared/prod/data", both)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/shared/prod/data", resourceOnly)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/shared/prod/data", identityOnly)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/private/prod/data", identityOnly)).Status);
    }

    [Fact]
    public async Task IamRoute_UnsignedStillMissingTokenNotPolicyDenied()
    {
        var (status, body) = await GetAsync("/private/prod/data");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", body);
    }

    [Fact]
    public async Task OpenApiPolicyExtension_IsEnforced()
    {
        var document = """
            {
              "openapi": "3.0.1",
              "info": { "title": "fromoas", "version": "1" },
              "paths": {
                "/pets": { "get": { "responses": { "200": { "description": "ok" } },
                  "x-amazon-apigateway-integration": { "type": "mock", "requestTemplates": { "application/json": "{\"statusCode\": 200}" },
                    "responses": { "default": { "statusCode": "200" } } } } }
              },
              "x-amazon-apigateway-policy": {
                "Version": "2012-10-17",
                "Statement": [
                  { "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*" },
                  { "Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*", "Condition": { "NotIpAddress": { "aws:SourceIp": "10.0.0.0/8" } } }
                ]
              }
            }
            """;
        var result = DefinitionLoader.LoadText(document, "pets.json", new LoadOptions { ApiId = "fromoas", StageName = "prod" });
        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        await Gateway.Services.GetRequiredService<DeploymentService>().DeployAsync(result.Config!, new DeployRequest(), CancellationToken.None);
        await Gateway.WaitForStoreAsync();

        var (status, body) = await GetAsync("/fromoas/prod/pets");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.EndsWith(":fromoas/prod/GET/pets with an explicit deny\"}", body, StringComparison.Ordinal);
        Assert.Equal("User: anonymous", JsonDocument.Parse(body).RootElement.GetProperty("Message").GetString()![..15]);
    }

    [Fact]
    public void InvalidPolicy_RefusesTheDefinition()
    {
        var result = DefinitionLoader.LoadText("""
            version: 1
            apis:
              - id: bad
                policy:
                  Statement:
                    - Effect: Allow
                      Principal: "*"
                      Action: execute-api:Invoke
                      Resource: "*"
                      Condition: { DateLessThan: { aws:CurrentTime: "2030-01-01T00:00:00Z" } }
                routes: []
            """, "lakegate.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Contains("unsupported condition operator 'DateLessThan'", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, error.Position!.Value.Line);
    }
}
