using System.Net;
using Lakegate.Gateway.Tests.Functional;
using Lakegate.Gateway.Tests.Functions;

namespace Lakegate.Gateway.Tests.Iam;

/// <summary>
/// A resource policy and a Lambda authorizer together (reference §5.6): the policy is evaluated before
/// the authorizer (an explicit Deny answers at once, without invoking it), then combined with the
/// authorizer's policy by the same-account table: Allow + silent = Allow, silent + Allow = Allow,
/// silent + silent = implicit deny, a Deny on either side = explicit deny. The authorizer is a real Node
/// worker (Functions/Workers/runtime.mjs) that counts its invocations in a file.
/// </summary>
public sealed class ResourcePolicyWithAuthorizerTests : IAsyncLifetime
{
    private static readonly string Config = """
        version: 1
        functions:
          - { name: authz, command: [node, runtime.mjs], handler: runtime.authorize }
        apis:
          - id: combo
            policy:
              Statement:
                - { Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: execute-api:/prod/GET/open }
                - { Effect: Deny, Principal: "*", Action: execute-api:Invoke, Resource: execute-api:/prod/GET/blocked }
            authorizers:
              tok:
                type: token
                function: authz
                identitySource: method.request.header.Authorization
                authorizerResultTtlInSeconds: 0
            routes:
              - route: GET /open
                authorizationType: CUSTOM
                authorizer: tok
                integration: &ok
                  type: mock
                  requestTemplates: { application/json: '{"statusCode": 200}' }
                  responses: [{ statusCode: 200, responseTemplates: { application/json: '{"principal":"$context.authorizer.principalId"}' } }]
              - { route: "GET /other", authorizationType: CUSTOM, authorizer: tok, integration: *ok }
              - { route: "GET /blocked", authorizationType: CUSTOM, authorizer: tok, integration: *ok }
            stages: [{ name: prod }]
        """;

    private readonly string _counts = Directory.CreateTempSubdirectory("lakegate-combo-").FullName;
    private FunctionGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await FunctionGateway.StartAsync(
            [FunctionGateway.Worker("authz", environment: new Dictionary<string, string> { ["AUTHZ_COUNT_FILE"] = Path.Combine(_counts, "authz") })]);
        await _gateway.DeployAsync(TrafficConfigs.Load(Config));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        Directory.Delete(_counts, recursive: true);
    }

    private int Invocations()
    {
        var file = Path.Combine(_counts, "authz");
        return File.Exists(file) ? File.ReadAllLines(file).Length : 0;
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", token);
        using var response = await _gateway.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PolicyAllow_WithSilentAuthorizer_IsAllowed()
    {
        var (status, body) = await GetAsync("/combo/prod/open", "nothing");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"principal":"user-1"}""", body);
    }

    [Fact]
    public async Task SilentPolicy_WithSilentAuthorizer_IsImplicitDeny()
    {
        var (status, body) = await GetAsync("/combo/prod/other", "nothing");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("""{"Message":"User is not authorized to access this resource"}""", body);
    }

    [Fact]
    public async Task SilentPolicy_WithAuthorizerAllow_IsAllowed()
    {
        var (status, _) = await GetAsync("/combo/prod/other", "allow");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task PolicyAllow_WithAuthorizerExplicitDeny_IsExplicitDeny()
    {
        var (status, body) = await GetAsync("/combo/prod/open", "deny");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("""{"Message":"User is not authorized to access this resource with an explicit deny"}""", body);
    }

    [Fact]
    public async Task PolicyDeny_AnswersBeforeTheAuthorizerRuns()
    {
        var (status, body) = await GetAsync("/combo/prod/blocked", "allow");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.EndsWith("combo/prod/GET/blocked with an explicit deny\"}", body, StringComparison.Ordinal);
        Assert.Equal(0, Invocations());
    }
}
