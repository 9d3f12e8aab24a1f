using Lakegate.Core.Cors;
using Microsoft.AspNetCore.Http;

namespace Lakegate.Gateway.Cors;

/// <summary>
/// CORS for HTTP APIs as API Gateway does it: preflights are answered by the gateway (whatever the
/// routes), and on other requests the backend's Access-Control-* headers are replaced by the
/// configured ones. REST APIs never come here: they get only what their definitions declare.
/// </summary>
public static class HttpApiCors
{
    /// <summary>True when the request is a CORS preflight (OPTIONS with Origin and Access-Control-Request-Method).</summary>
    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method)
        && request.Headers.Origin.Count > 0
        && request.Headers.AccessControlRequestMethod.Count > 0;

    public static Task WritePreflightAsync(HttpContext http, CorsPolicy policy)
    {
        var request = http.Request;
        var response = http.Response;
        response.StatusCode = StatusCodes.Status204NoContent;
        var allowOrigin = policy.AllowOriginFor(request.Headers.Origin.ToString());
        var requestedHeaders = request.Headers.AccessControlRequestHeaders.ToString();
        if (allowOrigin is not null
            && policy.AllowsMethod(request.Headers.AccessControlRequestMethod.ToString())
            && policy.AllowsHeaders(requestedHeaders))
        {
            var headers = response.Headers;
            headers.AccessControlAllowOrigin = allowOrigin;
            headers.AccessControlAllowMethods = policy.AllowMethods;
            if (policy.AllowHeaders.Length > 0)
            {
                // A credentialed preflight cannot use '*': name what was asked for instead.
                headers.AccessControlAllowHeaders = policy.AllowCredentials && policy.AllowHeaders == "*" ? requestedHeaders : policy.AllowHeaders;
            }

            if (policy.MaxAge is { } maxAge)
            {
                headers.AccessControlMaxAge = maxAge;
            }

            if (policy.AllowCredentials)
            {
                headers.AccessControlAllowCredentials = "true";
            }

            if (allowOrigin != "*")
            {
                headers.Vary = "Origin";
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Rewrites the response's CORS headers just before it starts, whichever component wrote it.</summary>
    public static void ApplyToResponse(HttpContext http, CorsPolicy policy)
    {
        var allowOrigin = policy.AllowOriginFor(http.Request.Headers.Origin.ToString());
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            foreach (var name in headers.Keys.Where(k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                headers.Remove(name);
            }

            if (allowOrigin is not null)
            {
                headers.AccessControlAllowOrigin = allowOrigin;
                if (policy.AllowCredentials)
                {
                    headers.AccessControlAllowCredentials = "true";
                }

                if (policy.ExposeHeaders is { } expose)
                {
                    headers.AccessControlExposeHeaders = expose;
                }

                if (allowOrigin != "*")
                {
                    headers.Append("Vary", "Origin");
                }
            }

            return Task.CompletedTask;
        });
    }
}
