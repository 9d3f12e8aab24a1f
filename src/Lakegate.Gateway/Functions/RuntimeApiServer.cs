using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lakegate.Gateway.Functions;

/// <summary>
/// The Lambda Runtime API (<c>/2018-06-01/runtime/...</c>) for ONE worker, on its own loopback port.
/// Runtime clients build <c>http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/...</c>, so the variable can
/// only carry <c>host:port</c>: a port per worker is the one identity every client keeps, and it costs
/// one idle Kestrel listener. (Telling workers apart by connection would break as soon as a client
/// opens a second connection; a shared queue could not tell which process to kill on a timeout.)
/// </summary>
internal sealed class RuntimeApiServer : IAsyncDisposable
{
    /// <summary>Lambda's synchronous payload limit, as the Runtime Interface Emulator enforces it (6 MiB + 100).</summary>
    public const int MaxPayloadBytes = 6 * 1024 * 1024 + 100;

    private const string Prefix = "/2018-06-01/runtime/";
    private readonly WebApplication _app;

    private RuntimeApiServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary><c>127.0.0.1:PORT</c>, what <c>AWS_LAMBDA_RUNTIME_API</c> holds.</summary>
    public string Address { get; }

    public static async Task<RuntimeApiServer> StartAsync(IRuntimeApiHandler handler, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 4L * MaxPayloadBytes;

            // /next is a long poll: the runtime waits as long as no event comes.
            k.Limits.KeepAliveTimeout = TimeSpan.FromDays(1);
            k.Limits.MinRequestBodyDataRate = null;
            k.Listen(System.Net.IPAddress.Loopback, 0);
        });
        builder.Services.AddLogging();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, RuntimeApiLifetime>();
        var app = builder.Build();
        app.Run(context => HandleAsync(context, handler));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RuntimeApiServer(app, new Uri(address).Authority);
    }

    private static async Task HandleAsync(HttpContext context, IRuntimeApiHandler handler)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await WriteAsync(context, new RuntimeApiReply(404, """{"errorMessage":"Not found","errorType":"NotFound"}"""));
            return;
        }

        var rest = path[Prefix.Length..];
        if (rest == "invocation/next" && HttpMethods.IsGet(request.Method))
        {
            await NextAsync(context, handler);
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            await WriteAsync(context, new RuntimeApiReply(405, """{"errorMessage":"Method not allowed","errorType":"MethodNotAllowed"}"""));
            return;
        }

        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            await WriteAsync(context, RuntimeApiReply.TooLarge(MaxPayloadBytes));
            return;
        }

        var errorType = request.Headers["Lambda-Runtime-Function-Error-Type"].ToString();
        RuntimeApiReply reply;
        if (rest == "init/error")
        {
            reply = handler.ReportInitError(errorType.Length == 0 ? null : errorType, body.Value);
        }
        else if (rest.StartsWith("invocation/", StringComparison.Ordinal) && rest.EndsWith("/response", StringComparison.Ordinal))
        {
            reply = handler.Respond(rest["invocation/".Length..^"/response".Length], body.Value);
        }
        else if (rest.StartsWith("invocation/", StringComparison.Ordinal) && rest.EndsWith("/error", StringComparison.Ordinal))
        {
            reply = handler.ReportError(rest["invocation/".Length..^"/error".Length], errorType.Length == 0 ? null : errorType, body.Value);
        }
        else
        {
            reply = new RuntimeApiReply(404, """{"errorMessage":"Not found","errorType":"NotFound"}""");
        }

        await WriteAsync(context, reply);
    }

    private static async Task NextAsync(HttpContext context, IRuntimeApiHandler handler)
    {
        FunctionInvocation? invocation;
        try
        {
            invocation = await handler.NextAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (invocation is null)
        {
            context.Abort();
            return;
        }

        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = invocation.FunctionArn;
        headers["Lambda-Runtime-Trace-Id"] = invocation.TraceId;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = invocation.Payload.Length;
        try
        {
            await context.Response.Body.WriteAsync(invocation.Payload, context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The worker went away; its exit fails the invocation.
        }
    }

    /// <summary>
    /// The body, or null when it exceeds the payload limit. An oversized body is still read to its end
    /// (up to Kestrel's backstop), so the runtime receives the 413 instead of a reset connection.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        var total = 0L;
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                total += read;
                if (total <= MaxPayloadBytes)
                {
                    buffer.Write(chunk, 0, read);
                }
            }
        }
        catch (BadHttpRequestException)
        {
            return null;
        }

        if (total > MaxPayloadBytes)
        {
            return null;
        }

        return buffer.ToArray();
    }

    private static Task WriteAsync(HttpContext context, RuntimeApiReply reply)
    {
        context.Response.StatusCode = reply.StatusCode;
        context.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(reply.Body);
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync();
    }
}
