using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lakegate.Core.Signing;
using Lakegate.Gateway.Tests.Infrastructure;

namespace Lakegate.Gateway.Tests.Iam;

/// <summary>
/// Requests signed by clients Lakegate did not write (aws4, and the AWS SDK for JavaScript v3 signer
/// @smithy/signature-v4), header and presigned forms, sent by node to a real gateway: valid ones pass,
/// tampered ones (path, query, header, body, date, key) are refused with API Gateway's status and body.
/// </summary>
public sealed class SigV4ConformanceTests : GatewayTestBase
{
    private const string SignatureMismatch = "The request signature we calculated does not match the signature you provided.";

    private AwsCredentials _key = null!;

    protected override Task<TestGateway> StartGatewayAsync() => TestGateway.StartAsync(configure: o => o.MasterKey = IamGateway.Key);

    protected override async Task OnStartedAsync()
    {
        await IamGateway.DeployAsync(Gateway, $$"""
            version: 1
            apis:
              - id: iamapi
                routes:
            {{IamGateway.WhoAmIRoute("GET /whoami", "AWS_IAM")}}
            {{IamGateway.WhoAmIRoute("POST /items/{id}", "AWS_IAM")}}
            {{IamGateway.WhoAmIRoute("GET /items/{id}", "AWS_IAM")}}
                stages:
                  - name: prod
            """);
        _key = await IamGateway.CreateKeyAsync(Gateway, "sdk-user", policies: IamGateway.AllowAll);
    }

    [Fact]
    public async Task ThirdPartySigners_AcceptedWhenIntactRefusedWhenTampered()
    {
        var results = (await RunAsync()).Select(r => r!).ToDictionary(r => r["name"]!.GetValue<string>(), r => (Status: r["status"]!.GetValue<int>(), Body: r["body"]!.GetValue<string>()));

        foreach (var signer in new[] { "aws4", "sdkv3" })
        {
            foreach (var ok in new[] { "header/get", "header/post", "header/encoded-path", "query/get" })
            {
                var (status, body) = results[$"{signer}/{ok}"];
                Assert.True(status == 200, $"{signer}/{ok}: {status} {body}");
                Assert.Equal(_key.AccessKeyId, JsonDocument.Parse(body).RootElement.GetProperty("accessKey").GetString());
            }

            foreach (var tampered in new[] { "path", "query", "header", "body", "key", "presigned-query" })
            {
                var (status, body) = results[$"{signer}/tampered/{tampered}"];
                Assert.True(status == 403, $"{signer}/tampered/{tampered}: {status} {body}");
                Assert.StartsWith(SignatureMismatch, JsonDocument.Parse(body).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
            }

            var expired = results[$"{signer}/tampered/date"];
            Assert.Equal(403, expired.Status);
            Assert.StartsWith("Signature expired: ", JsonDocument.Parse(expired.Body).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal((403, """{"message":"Missing Authentication Token"}"""), results["unsigned"]);
    }

    private async Task<JsonArray> RunAsync()
    {
        var suite = Path.Combine(RepositoryRoot(), "tests", "conformance", "sigv4");
        if (!Directory.Exists(Path.Combine(suite, "node_modules", "@smithy", "signature-v4")) || !Directory.Exists(Path.Combine(suite, "node_modules", "aws4")))
        {
            Assert.Fail($"the signers are not installed in {suite}: run ./scripts/test, which runs 'npm ci --prefix tests/conformance/sigv4'.");
        }

        var config = new JsonObject
        {
            ["baseUrl"] = Gateway.BaseUrl,
            ["prefix"] = "/iamapi/prod",
            ["accessKeyId"] = _key.AccessKeyId,
            ["secretAccessKey"] = _key.SecretAccessKey,
        };
        var start = new ProcessStartInfo("node", [Path.Combine(suite, "run.mjs"), config.ToJsonString()])
        {
            WorkingDirectory = suite,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("node run.mjs did not finish within 60 s");
        }

        Assert.True(process.ExitCode == 0, "node run.mjs failed: " + await stderr);
        return JsonNode.Parse(await stdout)!.AsArray();
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

        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
