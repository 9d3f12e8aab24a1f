using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Lakegate.Core.Tests.Signing;

/// <summary>Runs tests/conformance/aws4/sign.mjs (aws4 1.13.2) on a batch of requests.</summary>
internal static class Aws4Runner
{
    public static JsonArray Sign(JsonArray requests)
    {
        var conformance = Path.Combine(RepositoryRoot(), "tests", "conformance", "aws4");
        if (!Directory.Exists(Path.Combine(conformance, "node_modules", "aws4")))
        {
            Assert.Fail($"aws4 is not installed in {conformance}: run ./scripts/test, which runs 'npm ci --prefix tests/conformance/aws4'.");
        }

        var start = new ProcessStartInfo("node", [Path.Combine(conformance, "sign.mjs")])
        {
            WorkingDirectory = conformance,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process? started = null;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"could not run node ({e.Message}): install Node.js and run ./scripts/test.");
        }

        using var process = started ?? throw new InvalidOperationException("could not start node");
        process.StandardInput.Write(requests.ToJsonString());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("node sign.mjs did not finish within 60 s");
        }

        Assert.True(process.ExitCode == 0, "node sign.mjs failed: " + stderr.Result);
        return JsonNode.Parse(stdout.Result)!.AsArray();
    }

    public static string RepositoryRoot()
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
