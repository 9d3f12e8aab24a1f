using System.Security.Cryptography;
using System.Text;
using Lakegate.Gateway.Deployments;
using Lakegate.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Admin;

/// <summary>
/// The admin API runs as its own small web application on its own addresses, sharing the gateway's
/// store, deployment service and serving state, so the data plane never exposes control endpoints
/// and the control plane can be firewalled separately. Every request needs <c>Authorization: Bearer TOKEN</c>.
/// </summary>
public static class AdminHost
{
    public static WebApplication Build(AdminOptions options, IServiceProvider gateway, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        if (string.IsNullOrEmpty(options.Token))
        {
            throw new ArgumentException("the admin API needs a token", nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton(gateway.GetRequiredService<IDefinitionStore>());
        builder.Services.AddSingleton(gateway.GetRequiredService<DeploymentService>());
        builder.Services.AddSingleton(gateway.GetRequiredService<ServingState>());
        builder.Services.AddSingleton(gateway.GetRequiredService<Secrets.SecretVault>());
        builder.Services.AddSingleton(gateway.GetRequiredService<Steps.Throttle.UsageRecorder>());
        builder.Services.AddSingleton(gateway.GetRequiredService<Functions.FunctionHost>());
        builder.Services.AddSingleton(gateway.GetRequiredService<Authorizers.IAuthorizerCache>());
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.Token));
        app.Use(async (context, next) =>
        {
            if (!Authorized(context.Request, expected))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsJsonAsync(new { message = "Unauthorized" });
                return;
            }

            await next(context);
        });
        AdminEndpoints.Map(app);
        FunctionEndpoints.Map(app);
        return app;
    }

    /// <summary>Compares hashes in fixed time, so response timing says nothing about the token.</summary>
    private static bool Authorized(HttpRequest request, byte[] expected)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
