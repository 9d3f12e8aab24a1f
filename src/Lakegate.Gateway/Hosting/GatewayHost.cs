using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Hosting;

/// <summary>
/// Builds a gateway node: Kestrel with the data-plane limits, the gateway services, and the request
/// handler as the only endpoint. The CLI and the functional tests start nodes through here.
/// </summary>
public static class GatewayHost
{
    public static WebApplication Build(
        IEnumerable<string> urls,
        Action<GatewayOptions> configure,
        Action<IServiceCollection>? configureServices = null,
        Action<WebApplicationBuilder>? configureBuilder = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls([.. urls]);

        var options = new GatewayOptions();
        configure(options);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.Limits.MaxRequestBodyBytes;

            // Kestrel's own limits are a backstop set above ours, so that normal overruns get the
            // gateway's JSON error instead of Kestrel's empty 431.
            kestrel.Limits.MaxRequestHeadersTotalSize = Math.Max(32 * 1024, options.Limits.MaxRequestHeaderBytes * 2);
            kestrel.Limits.MaxRequestHeaderCount = Math.Max(100, options.Limits.MaxRequestHeaderCount * 2);
        });

        // ASP.NET's per-request Information lines would double the access log and cost throughput.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // YARP logs each destination URI at Information; a URI may carry a resolved {{secret:...}}.
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);

        builder.Services.AddLakegateGateway(configure);
        configureServices?.Invoke(builder.Services);
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        app.Run(app.Services.GetRequiredService<GatewayRequestHandler>().HandleAsync);
        return app;
    }

    /// <summary>The addresses Kestrel actually listens on (port 0 resolved), once started.</summary>
    public static IReadOnlyList<string> ListeningAddresses(WebApplication app) =>
        [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
}
