using Lakegate.Core.Definitions;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Integrations.Aws;
using Lakegate.Gateway.Secrets;
using Lakegate.Gateway.Storage.Memory;

namespace Lakegate.Gateway.Tests.Aws;

/// <summary>
/// <c>aws.credentials</c> values that are secret references: resolved from the secret store on every
/// signing, so a rotation signs the next request; an unresolvable reference refuses with a problem that
/// names the reference and never a value.
/// </summary>
public sealed class AwsCredentialsSecretTests
{
    private static readonly MasterKey Key = MasterKey.Parse(MasterKey.Generate(), "test");

    private static GatewayOptions Options(string accessKeyId, string secretAccessKey) => new()
    {
        Aws = new AwsDefinition
        {
            Region = "us-east-1",
            Credentials = new Dictionary<string, AwsCredentialsDefinition>
            {
                ["default"] = new() { AccessKeyId = accessKeyId, SecretAccessKey = secretAccessKey },
            },
        },
    };

    private static async Task<(SecretVault Vault, SecretsState State)> StoreAsync(MasterKey? key)
    {
        var vault = new SecretVault(new MemorySecretStore(), key, TimeProvider.System);
        var state = new SecretsState(vault);
        state.Swap(await vault.LoadAsync(CancellationToken.None));
        return (vault, state);
    }

    [Fact]
    public async Task SecretReferences_AreResolved_AndARotationSignsTheNextRequest()
    {
        var (vault, state) = await StoreAsync(Key);
        await vault.PutAsync("ddb-writer", """{"id":"AKIDFROMSECRET","key":"first-secret-key"}""", null, CancellationToken.None);
        state.Swap(await vault.LoadAsync(CancellationToken.None));
        var provider = new ConfiguredAwsCredentialsProvider(
            Microsoft.Extensions.Options.Options.Create(Options("{{secret:ddb-writer:id}}", "{{secret:ddb-writer:key}}")), new SecretResolver(state));

        var first = provider.Resolve(null, out var problem);
        Assert.Null(problem);
        Assert.Equal("AKIDFROMSECRET", first!.AccessKeyId);
        Assert.Equal("first-secret-key", first.SecretAccessKey);

        await vault.PutAsync("ddb-writer", """{"id":"AKIDFROMSECRET","key":"second-secret-key"}""", null, CancellationToken.None);
        state.Swap(await vault.LoadAsync(CancellationToken.None));
        Assert.Equal("second-secret-key", provider.Resolve(null, out _)!.SecretAccessKey);
    }

    [Fact]
    public async Task UnknownSecret_Refuses_NamingTheReferenceNotAValue()
    {
        var (vault, state) = await StoreAsync(Key);
        await vault.PutAsync("present", "literal-secret-value", null, CancellationToken.None);
        state.Swap(await vault.LoadAsync(CancellationToken.None));
        var provider = new ConfiguredAwsCredentialsProvider(
            Microsoft.Extensions.Options.Options.Create(Options("{{secret:present}}", "{{secret:absent}}")), new SecretResolver(state));

        Assert.Null(provider.Resolve(null, out var problem));
        Assert.Contains("absent", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("literal-secret-value", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAMasterKey_AReferenceRefuses_AndLiteralKeysStillSign()
    {
        var (_, state) = await StoreAsync(key: null);
        var resolver = new SecretResolver(state);

        var referenced = new ConfiguredAwsCredentialsProvider(Microsoft.Extensions.Options.Options.Create(Options("AKID", "{{secret:k}}")), resolver);
        Assert.Null(referenced.Resolve(null, out var problem));
        Assert.Contains("master key", problem, StringComparison.OrdinalIgnoreCase);

        var literal = new ConfiguredAwsCredentialsProvider(Microsoft.Extensions.Options.Options.Create(Options("AKID", "plain-key")), resolver);
        Assert.Equal("plain-key", literal.Resolve(null, out var none)!.SecretAccessKey);
        Assert.Null(none);
    }
}
