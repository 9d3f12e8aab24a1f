using System.Text.Json;

namespace Lakegate.Cli.Tests;

/// <summary><c>lakegate secrets</c> and <c>lakegate access-keys</c> against a real SQLite store: values go in encrypted and never come out.</summary>
public sealed class SecretsCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lakegate-cli-secrets-" + Guid.NewGuid().ToString("N"));

    public SecretsCommandTests()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(KeyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) + "\n");
    }

    private string Store => "sqlite:" + Path.Combine(_directory, "lakegate.db");

    private string KeyFile => Path.Combine(_directory, "master.key");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task PutRotateListDescribe_ShowMetadataOnly_AndTheDatabaseHoldsNoPlaintext()
    {
        var value = Write("v1.txt", "{\"password\":\"plain-pass-111\"}\n");
        Assert.Equal(0, (await CliRun.RunAsync("secrets", "put", "db-creds", "--value-file", value, "--description", "orders db", "--store", Store, "--master-key-file", KeyFile)).ExitCode);
        var rotated = await CliRun.RunAsync("secrets", "rotate", "db-creds", "--value", "{\"password\":\"plain-pass-222\"}", "--store", Store, "--master-key-file", KeyFile);
        var missing = await CliRun.RunAsync("secrets", "rotate", "nope", "--generate", "32", "--store", Store, "--master-key-file", KeyFile);

        var (listExit, list, _) = await CliRun.RunAsync("secrets", "list", "--store", Store);
        var (describeExit, describe, _) = await CliRun.RunAsync("secrets", "describe", "db-creds", "--store", Store);

        Assert.Equal(0, rotated.ExitCode);
        Assert.Contains("is AWSCURRENT", rotated.Out, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no secret 'nope'", missing.Error, StringComparison.Ordinal);
        Assert.Equal((0, 0), (listExit, describeExit));
        var secret = JsonDocument.Parse(describe).RootElement;
        Assert.Equal("db-creds", secret.GetProperty("name").GetString());
        Assert.Equal("orders db", secret.GetProperty("description").GetString());
        var stages = secret.GetProperty("versionIdsToStages").EnumerateObject().Select(p => p.Value[0].GetString()).Order().ToList();
        Assert.Equal(["AWSCURRENT", "AWSPREVIOUS"], stages);
        foreach (var text in new[] { list, describe, rotated.Out })
        {
            Assert.DoesNotContain("plain-pass", text, StringComparison.Ordinal);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_directory, "lakegate.db*"))
        {
            Assert.DoesNotContain("plain-pass", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Put_WithoutMasterKey_RefusesAndSaysHowToFixIt()
    {
        var (exit, _, error) = await CliRun.RunAsync("secrets", "put", "x", "--value", "v", "--store", Store);

        Assert.Equal(1, exit);
        Assert.Contains("LAKEGATE_MASTER_KEY", error, StringComparison.Ordinal);
        Assert.Contains("--master-key-file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_ReferencingSecrets_UnknownRefusedWithPosition_KnownDeployed()
    {
        var config = Write("lakegate.yaml", """
            version: 1
            apis:
              - id: shop
                routes:
                  - route: GET /items
                    integration:
                      type: http_proxy
                      uri: http://127.0.0.1:9/items
                      requestParameters:
                        integration.request.header.Authorization: "'Bearer {{secret:backend-token}}'"
                stages: [{ name: prod }]
            """);

        var refused = await CliRun.RunAsync("deploy", "--config", config, "--store", Store, "--master-key-file", KeyFile);
        await CliRun.RunAsync("secrets", "put", "backend-token", "--generate", "40", "--store", Store, "--master-key-file", KeyFile);
        var deployed = await CliRun.RunAsync("deploy", "--config", config, "--store", Store, "--master-key-file", KeyFile);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"{config}:10:", refused.Error, StringComparison.Ordinal);
        Assert.Contains("unknown secret 'backend-token'", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, deployed.ExitCode);
    }

    [Fact]
    public async Task AccessKeys_CreateShowsSecretOnce_ListNever()
    {
        var policy = Write("policy.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}""");
        var bad = Write("bad.json", """{"Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]}""");

        var (exit, output, _) = await CliRun.RunAsync("access-keys", "create", "--user", "alice", "--policy-file", policy, "--store", Store, "--master-key-file", KeyFile);
        var invalid = await CliRun.RunAsync("access-keys", "create", "--user", "bob", "--policy-file", bad, "--store", Store, "--master-key-file", KeyFile);
        var (_, list, _) = await CliRun.RunAsync("access-keys", "list", "--store", Store);

        Assert.Equal(0, exit);
        var created = JsonDocument.Parse(output).RootElement;
        var secret = created.GetProperty("secretAccessKey").GetString()!;
        Assert.Equal(40, secret.Length);
        Assert.Matches("^AKIA[A-Z2-7]{16}$", created.GetProperty("accessKeyId").GetString());
        Assert.Equal("arn:aws:iam::000000000000:user/alice", created.GetProperty("userArn").GetString());
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("Effect: expected Allow or Deny", invalid.Error, StringComparison.Ordinal);
        var listed = Assert.Single(JsonDocument.Parse(list).RootElement.EnumerateArray());
        Assert.Equal(1, listed.GetProperty("policyCount").GetInt32());
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
    }
}
