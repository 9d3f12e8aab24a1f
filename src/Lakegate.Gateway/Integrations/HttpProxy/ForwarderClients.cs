using System.Net;
using System.Net.Security;

namespace Lakegate.Gateway.Integrations.HttpProxy;

/// <summary>
/// The shared outbound connection pools for HTTP integrations: one that verifies TLS and one for
/// integrations that declare <c>tlsConfig.insecureSkipVerification</c>. Settings follow YARP's
/// guidance for proxies: no proxy, no redirects, no decompression, no cookies.
/// </summary>
public sealed class ForwarderClients : IDisposable
{
    public ForwarderClients()
    {
        Verified = new HttpMessageInvoker(CreateHandler(skipVerification: false));
        Insecure = new HttpMessageInvoker(CreateHandler(skipVerification: true));
    }

    public HttpMessageInvoker Verified { get; }

    public HttpMessageInvoker Insecure { get; }

    public void Dispose()
    {
        Verified.Dispose();
        Insecure.Dispose();
    }

    private static SocketsHttpHandler CreateHandler(bool skipVerification)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };

        if (skipVerification)
        {
            // Only for integrations that declare tlsConfig.insecureSkipVerification, as API Gateway allows.
#pragma warning disable CA5359
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = static (_, _, _, _) => true,
            };
#pragma warning restore CA5359
        }

        return handler;
    }
}
