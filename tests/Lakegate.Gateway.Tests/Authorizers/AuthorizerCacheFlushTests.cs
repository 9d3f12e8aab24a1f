using System.Net;
using System.Net.Http.Headers;
using Lakegate.Gateway.Admin;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Tests.Functional;
using Lakegate.Gateway.Tests.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Tests.Authorizers;

/// <summary>
/// The admin API's FlushStageAuthorizersCache (<c>DELETE /stages/{api}/{stage}/cache/authorizers</c>):
/// cached Lambda authorizer results of that stage are dropped, so the next request invokes the
/// authorizer again; another stage's cache is untouched. The authorizer is a real Node worker that
/// counts its invocations in a file.
/// </summary>
public sealed class AuthorizerCacheFlushTests : IAsyncLifetime
{
    private const string Token = "flush-admin-token";

    private static readonly string Config = """
        version: 1
        functions:
          - { name: authz, command: [node, runtime.mjs], handler: runtime.authorize }
        apis:
          - id: cached
            authorizers:
              tok:
                type: token
                function: authz
                identitySource: method.request.header.Authorization
                authorizerResultTtlInSeconds: 300
            routes:
              - route: GET /items
                authorizationType: CUSTOM
                authorizer: tok
                integration:
                  type: mock
                  requestTemplates: { application/json: '{"statusCode": 200}' }
                  responses: [{ statusCode: 200 }]
            stages: [{ name: prod }, { name: test }]
        """;

    private readonly string _counts = Directory.CreateTempSubdirectory("lakegate-flush-").FullName;
    private FunctionGateway _gateway = null!;
    private WebApplication _admin = null!;
    private HttpClient _adminClient = null!;

    public async Task InitializeAsync()
    {
        _gateway = await FunctionGateway.StartAsync(
            [FunctionGateway.Worker("authz", environment: new Dictionary<string, string> { ["AUTHZ_COUNT_FILE"] = Path.Combine(_counts, "authz") })]);
        await _gateway.DeployAsync(TrafficConfigs.Load(Config));
        _admin = AdminHost.Build(new AdminOptions { Token = Token, Urls = ["http://127.0.0.1:0"] }, _gateway.Services, b => b.Logging.ClearProviders());
        await _admin.StartAsync();
        _adminClient = new HttpClient { BaseAddress = new Uri(GatewayHost.ListeningAddresses(_admin)[0]) };
        _adminClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public async Task DisposeAsync()
    {
        _adminClient.Dispose();
        await _admin.StopAsync();
        await _admin.DisposeAsync();
        await _gateway.DisposeAsync();
        Directory.Delete(_counts, recursive: true);
    }

    private int Invocations()
    {
        var file = Path.Combine(_counts, "authz");
        return File.Exists(file) ? File.ReadAllLines(file).Length : 0;
    }

    private async Task<HttpStatusCode> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", "allow-all");
        using var response = await _gateway.Client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Flush_DropsThatStagesCachedResults_Only()
    {
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/cached/prod/items"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/cached/prod/items"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/cached/test/items"));
        Assert.Equal(2, Invocations()); // one per stage; the second prod request was a cache hit

        using var flushed = await _adminClient.DeleteAsync("/stages/cached/prod/cache/authorizers");
        Assert.Equal(HttpStatusCode.Accepted, flushed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, await GetAsync("/cached/prod/items"));
        Assert.Equal(3, Invocations());
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/cached/test/items"));
        Assert.Equal(3, Invocations());
    }

    [Fact]
    public async Task Flush_WithoutTheAdminToken_Is401()
    {
        using var anonymous = new HttpClient { BaseAddress = _adminClient.BaseAddress };
        using var response = await anonymous.DeleteAsync("/stages/cached/prod/cache/authorizers");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
