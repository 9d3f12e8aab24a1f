using System.Net;
using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Secrets;
using Lakegate.Gateway.Storage;
using Lakegate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lakegate.Gateway.Tests.Secrets;

/// <summary>
/// {{secret:...}} references through a real gateway: resolved into the backend request when the
/// deployment compiles, re-resolved live on rotation, refused at deploy when unknown, and never stored.
/// </summary>
public sealed class SecretResolutionTests : GatewayTestBase
{
    private static readonly MasterKey Key = MasterKey.Parse(MasterKey.Generate(), "test");

    private SecretVault Vault => Gateway.Services.GetRequiredService<SecretVault>();

    protected override Task<TestGateway> StartGatewayAsync() => TestGateway.StartAsync(configure: o => o.MasterKey = Key);

    private string Yaml(string tokenReference) => $$$"""
        version: 1
        apis:
          - id: vault
            routes:
              - route: GET /call
                integration:
                  type: http_proxy
                  uri: {{{Backend.BaseUrl}}}/backend
                  requestParameters:
                    integration.request.header.X-Token: "'{{{tokenReference}}}'"
                    integration.request.header.X-Db: "'{{secret:db-creds:password}}'"
            stages:
              - name: prod
        """;

    private static LakegateConfig Load(string yaml)
    {
        var result = DefinitionLoader.LoadText(yaml, "lakegate.yaml");
        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        return result.Config!;
    }

    private async Task DeployAsync(string yaml)
    {
        await Gateway.Services.GetRequiredService<DeploymentService>().DeployAsync(Load(yaml), new DeployRequest(), CancellationToken.None);
        await Gateway.WaitForStoreAsync();
    }

    private async Task<Echo> EventuallyAsync(Func<Echo, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var echo = await Gateway.GetEchoAsync("/vault/prod/call");
            if (done(echo) || DateTime.UtcNow > deadline)
            {
                return echo;
            }

            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Deploy_WithSecrets_SendsValuesToTheBackendAndStoresOnlyReferences()
    {
        await Vault.PutAsync("backend-token", "tok-first", null, CancellationToken.None);
        await Vault.PutAsync("db-creds", """{"username":"app","password":"db-pass-1"}""", "database", CancellationToken.None);

        await DeployAsync(Yaml("Bearer {{secret:backend-token}}"));
        var echo = await EventuallyAsync(e => e.Headers.ContainsKey("X-Token"));

        Assert.Equal("Bearer tok-first", echo.Headers["X-Token"]);
        Assert.Equal("db-pass-1", echo.Headers["X-Db"]);
        var stored = Assert.Single(await Gateway.Store.ListDeploymentsAsync("vault", CancellationToken.None));
        Assert.Contains("{{secret:backend-token}}", stored.DefinitionJson, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-first", stored.DefinitionJson, StringComparison.Ordinal);
        Assert.DoesNotContain("db-pass-1", stored.DefinitionJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_ReferencedSecret_NewValueServedWithoutRedeploy()
    {
        await Vault.PutAsync("backend-token", "tok-old", null, CancellationToken.None);
        await Vault.PutAsync("db-creds", """{"password":"x"}""", null, CancellationToken.None);
        await DeployAsync(Yaml("{{secret:backend-token}}"));
        Assert.Equal("tok-old", (await EventuallyAsync(e => e.Headers.ContainsKey("X-Token"))).Headers["X-Token"]);
        var deployments = await Gateway.Store.ListDeploymentsAsync("vault", CancellationToken.None);

        await Vault.PutAsync("backend-token", "tok-new", null, CancellationToken.None);

        Assert.Equal("tok-new", (await EventuallyAsync(e => e.Headers.GetValueOrDefault("X-Token") == "tok-new")).Headers["X-Token"]);
        Assert.Equal(deployments.Count, (await Gateway.Store.ListDeploymentsAsync("vault", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task PreviousLabel_ResolvesTheVersionBeforeTheRotation()
    {
        await Vault.PutAsync("backend-token", "tok-1", null, CancellationToken.None);
        await Vault.PutAsync("backend-token", "tok-2", null, CancellationToken.None);
        await Vault.PutAsync("db-creds", """{"password":"x"}""", null, CancellationToken.None);

        await DeployAsync(Yaml("{{secret:backend-token::AWSPREVIOUS}}"));

        Assert.Equal("tok-1", (await EventuallyAsync(e => e.Headers.ContainsKey("X-Token"))).Headers["X-Token"]);
    }

    [Fact]
    public async Task Deploy_UnknownSecret_RefusedWithFileLineColumnAndNothingStored()
    {
        await Vault.PutAsync("db-creds", """{"password":"x"}""", null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<StoreConflictException>(() => DeployAsync(Yaml("{{secret:no-such-token}}")));

        Assert.Contains("lakegate.yaml:10:49:", error.Message, StringComparison.Ordinal);
        Assert.Contains("{{secret:no-such-token}}: unknown secret 'no-such-token'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Gateway.Store.ListDeploymentsAsync("vault", CancellationToken.None));
    }

    [Fact]
    public async Task DeletedSecret_StageStopsServingRatherThanSendingTheReference()
    {
        await Vault.PutAsync("backend-token", "tok", null, CancellationToken.None);
        await Vault.PutAsync("db-creds", """{"password":"x"}""", null, CancellationToken.None);
        await DeployAsync(Yaml("{{secret:backend-token}}"));
        await EventuallyAsync(e => e.Headers.ContainsKey("X-Token"));

        await Vault.Store.DeleteSecretAsync("backend-token", CancellationToken.None);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode status;
        do
        {
            using var response = await Gateway.Client.GetAsync("/vault/prod/call");
            status = response.StatusCode;
            await Task.Delay(20);
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.NotEqual(HttpStatusCode.OK, status);
    }
}

/// <summary>A gateway without a master key: references cannot deploy, and the reason says how to fix it.</summary>
public sealed class SecretsWithoutMasterKeyTests : GatewayTestBase
{
    [Fact]
    public async Task Deploy_WithReferences_RefusedNamingTheMissingMasterKey()
    {
        var config = DefinitionLoader.LoadText($$$"""
            version: 1
            apis:
              - id: nokey
                routes:
                  - route: GET /x
                    integration: { type: http_proxy, uri: "{{{Backend.BaseUrl}}}/{{secret:token}}" }
                stages: [{ name: prod }]
            """, "lakegate.yaml").Config!;

        var error = await Assert.ThrowsAsync<StoreConflictException>(() =>
            Gateway.Services.GetRequiredService<DeploymentService>().DeployAsync(config, new DeployRequest(), CancellationToken.None));

        Assert.Contains("LAKEGATE_MASTER_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("lakegate.yaml:6:", error.Message, StringComparison.Ordinal);
    }
}
