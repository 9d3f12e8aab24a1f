using System.Globalization;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Pipeline;
using Lakegate.Gateway.Responses;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Lakegate.Gateway.Integrations.HttpProxy;

/// <summary>
/// Per-request header work around YARP's default copying: the exact target URI, the method
/// override, X-Forwarded-* (as API Gateway adds them), mapped headers, and the request id on the
/// way back. YARP's base transformer already drops hop-by-hop headers in both directions.
/// </summary>
internal sealed class ProxyTransformer(GatewayContext context, HttpMethod? method, List<KeyValuePair<string, string>>? headers)
    : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

        // destinationPrefix carries the fully expanded integration URI; the base appended the request path to it.
        proxyRequest.RequestUri = new Uri(destinationPrefix, UriKind.Absolute);

        // As API Gateway does, the backend sees its own host, not the gateway's.
        proxyRequest.Headers.Host = null;
        if (method is not null)
        {
            proxyRequest.Method = method;
        }

        var request = httpContext.Request;
        var clientIp = httpContext.Connection.RemoteIpAddress?.ToString();
        if (clientIp is not null)
        {
            var prior = request.Headers["X-Forwarded-For"];
            proxyRequest.Headers.Remove("X-Forwarded-For");
            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-For", prior.Count == 0 ? clientIp : prior + ", " + clientIp);
        }

        proxyRequest.Headers.Remove("X-Forwarded-Proto");
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        proxyRequest.Headers.Remove("X-Forwarded-Port");
        proxyRequest.Headers.TryAddWithoutValidation(
            "X-Forwarded-Port",
            (httpContext.Connection.LocalPort > 0 ? httpContext.Connection.LocalPort : request.IsHttps ? 443 : 80).ToString(CultureInfo.InvariantCulture));
        if (request.Host.HasValue)
        {
            proxyRequest.Headers.Remove("X-Forwarded-Host");
            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Host", request.Host.Value);
        }

        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                proxyRequest.Headers.Remove(name);
                if (!proxyRequest.Headers.TryAddWithoutValidation(name, value))
                {
                    proxyRequest.Content?.Headers.Remove(name);
                    proxyRequest.Content?.Headers.TryAddWithoutValidation(name, value);
                }
            }
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var copy = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        ResponseHeaders.Stamp(context);
        return copy;
    }
}
