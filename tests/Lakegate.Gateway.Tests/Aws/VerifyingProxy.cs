using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lakegate.Gateway.Tests.Aws;

/// <summary>
/// tests/conformance/aws4/verify-proxy.mjs: a Node server that checks each request's SigV4 signature with aws4, records
/// it, and forwards it to an emulator (none of which checks signatures) or answers as a minimal SQS queue. Requests
/// signed wrongly get 403, so a signing mistake fails the test that made it.
/// </summary>
public sealed class VerifyingProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };

    private VerifyingProxy(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Starts the proxy knowing the test gateway's keys (default set with its session token, and s3rver's).</summary>
    public static async Task<VerifyingProxy> StartAsync(string? upstream)
    {
        var conformance = Path.Combine(RepositoryRoot(), "tests", "conformance", "aws4");
        if (!Directory.Exists(Path.Combine(conformance, "node_modules", "aws4")))
        {
            throw new InvalidOperationException($"aws4 is not installed in {conformance}: run ./scripts/test, which runs 'npm ci --prefix tests/conformance/aws4'.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = conformance,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("verify-proxy.mjs");
        start.ArgumentList.Add("--keys");
        start.ArgumentList.Add($"AKIDLAKEGATETEST={AwsGateway.Secret}:{AwsGateway.Token},{AwsEmulators.S3rverKey}={AwsEmulators.S3rverKey}");
        if (upstream is not null)
        {
            start.ArgumentList.Add("--upstream");
            start.ArgumentList.Add(upstream);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node verify-proxy.mjs");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("verify-proxy.mjs did not start: " + await process.StandardError.ReadToEndAsync());
        }

        return new VerifyingProxy(process, "http://127.0.0.1:" + line["listening ".Length..].Trim());
    }

    /// <summary>Everything the proxy received, in order: method, url, headers (no Authorization/token), body (base64), verified, reason.</summary>
    public async Task<IReadOnlyList<JsonElement>> RequestsAsync() =>
        [.. (await _client.GetFromJsonAsync<JsonElement>(Url + "/__lakegate/requests")).EnumerateArray()];

    /// <summary>Every request the proxy saw was signed correctly (and there was at least one).</summary>
    public async Task AssertAllVerifiedAsync()
    {
        var requests = await RequestsAsync();
        Assert.NotEmpty(requests);
        foreach (var request in requests)
        {
            Assert.True(request.GetProperty("verified").GetBoolean(),
                $"{request.GetProperty("method")} {request.GetProperty("url")}: {request.GetProperty("reason")}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
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
