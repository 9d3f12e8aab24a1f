using System.Net;
using Lakegate.Gateway.Tests.Functional;
using Lakegate.Gateway.Tests.Functions;

namespace Lakegate.Gateway.Tests.Authorizers;

/// <summary>
/// <c>apiKeySource: AUTHORIZER</c>: the key is the Lambda authorizer's <c>usageIdentifierKey</c>,
/// checked against usage plans like a header key and metered by them (a quota of 2 proves which key
/// is counted). The <c>x-api-key</c> header is ignored on such APIs.
/// </summary>
public sealed class AuthorizerApiKeyTests : IAsyncLifetime
{
    private const string Config = """
        version: 1
        functions:
          - { name: authz, command: [node, runtime.mjs], handler: runtime.authorize }
        apis:
          - id: metered
            apiKeySource: AUTHORIZER
            authorizers:
              tok:
                type: token
                function: authz
                identitySource: method.request.header.Authorization
                authorizerResultTtlInSeconds: 300
            routes:
              - route: GET /data
                apiKeyRequired: true
                authorizationType: CUSTOM
                authorizer: tok
                integration:
                  type: mock
                  requestTemplates: { application/json: '{"statusCode": 200}' }
                  responses:
                    - statusCode: 200
                      responseTemplates: { application/json: '{"keyId":"$context.identity.apiKeyId","principal":"$context.authorizer.principalId"}' }
            stages: [{ name: prod }]
        apiKeys:
          - { name: alice, value: alice-0123456789abcdefghij }
          - { name: bob, value: bob-0123456789abcdefghijkl, enabled: false }
          - { name: eve, value: eve-0123456789abcdefghijkl }
        usagePlans:
          - name: tiny
            apiStages: [{ api: metered, stage: prod }]
            quota: { limit: 2, period: DAY }
            keys: [alice, bob]
        """;

    private FunctionGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await FunctionGateway.StartAsync([FunctionGateway.Worker("authz")]);
        await _gateway.DeployAsync(TrafficConfigs.Load(Config));
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string token, string? headerKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metered/prod/data");
        request.Headers.TryAddWithoutValidation("Authorization", token);
        if (headerKey is not null)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", headerKey);
        }

        using var response = await _gateway.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UsageIdentifierKey_InPlan_IsAcceptedAndMetered()
    {
        var first = await GetAsync("key:alice-0123456789abcdefghij");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("\"principal\":\"user-1\"", first.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"keyId\":\"\"", first.Body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("key:alice-0123456789abcdefghij")).Status);
        var third = await GetAsync("key:alice-0123456789abcdefghij");
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Equal("""{"message":"Limit Exceeded"}""", third.Body);
    }

    [Theory]
    [InlineData("key:eve-0123456789abcdefghijkl")]
    [InlineData("key:bob-0123456789abcdefghijkl")]
    [InlineData("key:unknown-0123456789abcdefgh")]
    [InlineData("allow-all")]
    public async Task UsageIdentifierKey_NotInPlanDisabledUnknownOrMissing_Is403(string token)
    {
        var (status, body) = await GetAsync(token);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("""{"message":"Forbidden"}""", body);
    }

    [Fact]
    public async Task HeaderKey_IsIgnoredWhenTheSourceIsTheAuthorizer()
    {
        var (status, body) = await GetAsync("allow-all", headerKey: "alice-0123456789abcdefghij");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("""{"message":"Forbidden"}""", body);
    }
}
