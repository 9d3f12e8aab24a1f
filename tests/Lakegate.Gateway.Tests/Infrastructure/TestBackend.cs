using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Tests.Infrastructure;

/// <summary>
/// A real HTTP backend on a loopback port: echoes what it received as JSON, and can be slow,
/// fail with a status, or stream. Every integration test proxies to one of these.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestBackend(WebApplication app, string baseUrl, SlowCounter slow)
    {
        _slow = slow;
        _app = app;
        BaseUrl = baseUrl;
        Authority = new Uri(baseUrl).Authority;
    }

    /// <summary>http://127.0.0.1:PORT</summary>
    public string BaseUrl { get; }

    /// <summary>127.0.0.1:PORT</summary>
    public string Authority { get; }

    private readonly SlowCounter _slow;

    /// <summary>How many /slow/ requests this backend has begun: lets a test wait until one is in flight instead of sleeping.</summary>
    public int SlowRequestsStarted => Volatile.Read(ref _slow.Count);

    /// <summary>A name put in every echo, to tell backends apart.</summary>
    public string Name { get; private init; } = "backend";

    public static async Task<TestBackend> StartAsync(string name = "backend")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var slow = new SlowCounter();
        app.Run(context => HandleAsync(context, name, slow));
        await app.StartAsync();
        var address = app.Urls.First();
        return new TestBackend(app, address, slow) { Name = name };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext context, string name, SlowCounter slow)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (path.StartsWith("/slow/", StringComparison.Ordinal) && int.TryParse(path["/slow/".Length..], out var delay))
        {
            Interlocked.Increment(ref slow.Count);
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (path.StartsWith("/status/", StringComparison.Ordinal) && int.TryParse(path["/status/".Length..], out var status))
        {
            context.Response.StatusCode = status;
        }

        if (path == "/stream")
        {
            context.Response.ContentType = "text/plain";
            for (var i = 0; i < 5; i++)
            {
                await context.Response.WriteAsync($"chunk{i}\n");
                await context.Response.Body.FlushAsync();
            }

            return;
        }

        if (path == "/bytes")
        {
            // Raw echo for binary tests: the exact bytes back, their SHA-256 and length in headers,
            // with the Content-Type asked for in ?type= (else the request's).
            using var received = new MemoryStream();
            await request.Body.CopyToAsync(received);
            var bytes = received.ToArray();
            context.Response.Headers["x-received-sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            context.Response.Headers["x-received-length"] = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["x-received-type"] = request.ContentType ?? string.Empty;
            context.Response.ContentType = request.Query["type"].FirstOrDefault() ?? request.ContentType ?? "application/octet-stream";
            await context.Response.Body.WriteAsync(bytes);
            return;
        }

        string body;
        using (var reader = new StreamReader(request.Body))
        {
            body = await reader.ReadToEndAsync();
        }

        var echo = new Echo(
            name,
            request.Method,
            context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path,
            path,
            request.QueryString.Value ?? string.Empty,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
        context.Response.Headers["x-backend"] = name;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(echo));
    }

    private sealed class SlowCounter
    {
        public int Count;
    }
}
