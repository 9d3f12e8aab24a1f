// Target (b): the floor Lakegate is measured against. An ASP.NET Core app that does nothing but hand
// every request to IHttpForwarder, shaped like YARP's own "direct forwarding" sample.
// Usage: dotnet BareYarp.dll --urls http://127.0.0.1:PORT --backend http://127.0.0.1:BACKEND_PORT
using System.Net;
using Yarp.ReverseProxy.Forwarder;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddHttpForwarder();

var backend = builder.Configuration["backend"];
if (string.IsNullOrEmpty(backend) || !Uri.TryCreate(backend, UriKind.Absolute, out _))
{
    Console.Error.WriteLine("usage: BareYarp --urls http://127.0.0.1:PORT --backend http://127.0.0.1:BACKEND_PORT");
    return 2;
}

var app = builder.Build();

// One invoker shared by every request, configured like YARP's ForwarderHttpClientFactory except that no
// trace headers are propagated (ActivityHeadersPropagator = null).
using var invoker = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
    EnableMultipleHttp2Connections = true,
    ActivityHeadersPropagator = null,
    ConnectTimeout = TimeSpan.FromSeconds(15),
});

var forwarder = app.Services.GetRequiredService<IHttpForwarder>();

// Nothing else on the path: on failure the forwarder itself logs a warning and answers 502/504,
// which wrk counts as non-2xx and run.sh treats as an invalid run.
app.Map("/{**catch-all}", async context =>
    await forwarder.SendAsync(
        context, backend, invoker, ForwarderRequestConfig.Empty, HttpTransformer.Default, context.RequestAborted));

app.Run();
return 0;
