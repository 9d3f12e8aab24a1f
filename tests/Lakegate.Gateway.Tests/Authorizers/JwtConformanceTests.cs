using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lakegate.Gateway.Authorizers.Jwt;
using Lakegate.Gateway.Tests.Functional;
using Lakegate.Gateway.Tests.Functions;
using Microsoft.Extensions.DependencyInjection;

namespace Lakegate.Gateway.Tests.Authorizers;

/// <summary>
/// JWT (HTTP API) and Cognito-style (REST) authorizers against tokens nobody here signed:
/// tests/conformance/jwt/issuers.mjs runs a jose-based issuer and a real oidc-provider server
/// (client_credentials, JWT access tokens), both with discovery and JWKS, and sends every case to
/// a real gateway. Each case's exact status and body are asserted here.
/// </summary>
public sealed class JwtConformanceTests
{
    private const string Unauthorized = """{"message":"Unauthorized"}""";
    private const string Forbidden = """{"message":"Forbidden"}""";

    private static string Config(string joseIssuer, string oidcIssuer) => $$"""
        version: 1
        functions:
          - { name: router, command: [node, runtime.mjs], handler: runtime.router }
        apis:
          - id: jwtapi
            type: http
            authorizers:
              jose:
                type: jwt
                identitySource: $request.header.Authorization
                jwtConfiguration: { issuer: "{{joseIssuer}}", audience: [lakegate-api] }
              oidc:
                type: apiKey
                name: Authorization
                in: header
                x-amazon-apigateway-authorizer:
                  type: jwt
                  identitySource: $request.header.Authorization
                  jwtConfiguration: { issuer: "{{oidcIssuer}}", audience: [lakegate-api, another-api] }
            routes:
              - { route: "GET /jose/{id}", authorizationType: JWT, authorizer: jose, integration: { type: aws_proxy, function: router } }
              - { route: "GET /scoped", authorizationType: JWT, authorizer: jose, authorizationScopes: ["read:items"], integration: { type: aws_proxy, function: router } }
              - { route: "GET /oidc/{id}", authorizationType: JWT, authorizer: oidc, integration: { type: aws_proxy, function: router } }
              - { route: "GET /oidcscoped", authorizationType: JWT, authorizer: oidc, authorizationScopes: ["read:items"], integration: { type: aws_proxy, function: router } }
            stages: [{ name: $default }]
          - id: pool
            authorizers:
              cognito:
                type: apiKey
                name: Authorization
                in: header
                x-amazon-apigateway-authtype: cognito_user_pools
                x-amazon-apigateway-authorizer:
                  type: cognito_user_pools
                  providerARNs: [arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Lakegate]
                  issuer: "{{joseIssuer}}"
                  audience: [app-client]
            routes:
              - route: GET /claims
                authorizationType: COGNITO_USER_POOLS
                authorizer: cognito
                integration: &claims
                  type: mock
                  requestTemplates: { application/json: '{"statusCode": 200}' }
                  responses:
                    - statusCode: 200
                      responseTemplates:
                        application/json: '{"sub":"$context.authorizer.claims.sub","email":"$!context.authorizer.claims.email","user":"$!context.authorizer.claims[''cognito:username'']"}'
              - { route: "GET /scoped", authorizationType: COGNITO_USER_POOLS, authorizer: cognito, authorizationScopes: ["read:items"], integration: *claims }
            stages: [{ name: prod }]
        """;

    [Fact]
    public async Task TokensFromJoseAndOidcProvider_AreJudgedAsApiGatewayDoes()
    {
        var results = await RunAsync();

        // Accepted: the claims reach the proxy event (payload 2.0: requestContext.authorizer.jwt).
        foreach (var name in new[] { "jose-rs256-bearer", "jose-rs256-raw", "jose-es256", "jose-ps256", "jose-client-id-instead-of-aud", "jose-rotated-key" })
        {
            var jwt = Authorizer(results, name).GetProperty("jwt");
            Assert.Equal("user-7", jwt.GetProperty("claims").GetProperty("sub").GetString());
            Assert.Equal(JsonValueKind.Null, jwt.GetProperty("scopes").ValueKind);
        }

        Assert.Equal("u7@example.com", Authorizer(results, "jose-rs256-bearer").GetProperty("jwt").GetProperty("claims").GetProperty("email").GetString());
        Assert.Equal("""["other","read:items"]""", Authorizer(results, "jose-scope-present").GetProperty("jwt").GetProperty("scopes").GetRawText());

        // Refused, each exactly as API Gateway answers.
        foreach (var name in new[]
        {
            "jose-missing-token", "jose-expired", "jose-wrong-audience", "jose-wrong-issuer", "jose-not-yet-valid", "jose-unknown-kid",
            "jose-known-kid-wrong-key", "jose-alg-none", "jose-hs256-with-rsa-public-key", "jose-hs256-with-rsa-jwk", "jose-tampered-payload",
            "jose-garbage", "oidc-token-for-jose-issuer",
        })
        {
            AssertCase(results, name, 401, Unauthorized);
        }

        AssertCase(results, "jose-scope-missing", 403, Forbidden);
        Assert.True(results["jwks-refetched-for-rotation"]!["status"]!.GetValue<int>() >= 1, "a token with a new kid made the gateway refetch the JWKS");

        // oidc-provider: a JWT access token from client_credentials, audience from the resource indicator.
        var header = JsonDocument.Parse((string)results["oidc-access-token-header"]!["body"]!).RootElement;
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        var claims = JsonDocument.Parse((string)results["oidc-access-token-claims"]!["body"]!).RootElement;
        Assert.Equal("lakegate-api", claims.GetProperty("aud").GetString());
        Assert.Equal("lakegate-client", claims.GetProperty("client_id").GetString());
        var oidc = Authorizer(results, "oidc-client-credentials").GetProperty("jwt");
        Assert.Equal("lakegate-client", oidc.GetProperty("claims").GetProperty("client_id").GetString());
        Assert.Equal("""["read:items"]""", oidc.GetProperty("scopes").GetRawText());
        Assert.Equal(200, results["oidc-client-credentials-scoped"]!["status"]!.GetValue<int>());
        AssertCase(results, "oidc-no-scope", 403, Forbidden);

        // Cognito-style REST authorizer: id tokens without scopes, access tokens (client_id) with them.
        AssertCase(results, "cognito-id-token", 200, """{"sub":"user-7","email":"u7@example.com","user":"u7"}""");
        AssertCase(results, "cognito-id-token-bearer", 200, """{"sub":"user-7","email":"u7@example.com","user":"u7"}""");
        AssertCase(results, "cognito-access-token-scoped", 200, """{"sub":"user-7","email":"","user":""}""");
        foreach (var name in new[]
        {
            "cognito-access-token-without-scopes-route", "cognito-id-token-scoped", "cognito-access-token-wrong-scope", "cognito-wrong-client",
            "cognito-expired", "cognito-missing",
        })
        {
            AssertCase(results, name, 401, Unauthorized);
        }
    }

    private static JsonElement Authorizer(JsonObject results, string name)
    {
        var result = results[name]!;
        var body = (string)result["body"]!;
        Assert.True(result["status"]!.GetValue<int>() == 200, $"{name}: {result["status"]} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("event").GetProperty("requestContext").GetProperty("authorizer");
    }

    private static void AssertCase(JsonObject results, string name, int status, string body)
    {
        var result = results[name]!;
        Assert.True(result["status"]!.GetValue<int>() == status && (string)result["body"]! == body, $"{name}: expected {status} {body}, got {result["status"]} {result["body"]}");
    }

    private static async Task<JsonObject> RunAsync()
    {
        var suite = Path.Combine(RepositoryRoot(), "tests", "conformance", "jwt");
        if (!Directory.Exists(Path.Combine(suite, "node_modules", "oidc-provider")))
        {
            Assert.Fail($"the JWT conformance suite is not installed in {suite}: run ./scripts/test, which runs 'npm ci --prefix tests/conformance/jwt'.");
        }

        var start = new ProcessStartInfo("node", [Path.Combine(suite, "issuers.mjs")])
        {
            WorkingDirectory = suite,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stderr = node.StandardError.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var ready = await node.StandardOutput.ReadLineAsync(timeout.Token);
            if (ready is null)
            {
                // Only now: awaiting stderr waits for node to exit.
                Assert.Fail("issuers.mjs ended before its issuers listened: " + await stderr);
            }

            var issuers = JsonDocument.Parse(ready!).RootElement;
            var joseIssuer = issuers.GetProperty("joseIssuer").GetString()!;
            var oidcIssuer = issuers.GetProperty("oidcIssuer").GetString()!;

            // Unknown kids refetch at once here, so the rotation case needs no waiting (the rate limit has its own test).
            await using var gateway = await FunctionGateway.StartAsync(
                [FunctionGateway.Worker("router")],
                services: s => s.AddSingleton(new JwtSettings { UnknownKeyRefetchInterval = TimeSpan.Zero }));
            await gateway.DeployAsync(TrafficConfigs.Load(Config(joseIssuer, oidcIssuer)));
            using var control = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            using var response = await control.PostAsync(
                issuers.GetProperty("control").GetString(),
                new StringContent(JsonSerializer.Serialize(new { gateway = gateway.BaseUrl.TrimEnd('/') })),
                timeout.Token);
            var output = await response.Content.ReadAsStringAsync(timeout.Token);
            Assert.True(response.IsSuccessStatusCode, "issuers.mjs failed: " + output);
            return JsonNode.Parse(output!)!["results"]!.AsObject();
        }
        finally
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lakegate.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
