using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Authorizers.Jwt;

/// <summary>One <see cref="SigningKeySource"/> per issuer for the node's lifetime, shared by every deployment, so a redeploy does not refetch keys.</summary>
public sealed class SigningKeyRegistry : IDisposable
{
    private readonly ConcurrentDictionary<string, SigningKeySource> _sources = new(StringComparer.Ordinal);
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger<SigningKeyRegistry> _logger;

    public SigningKeyRegistry(JwtSettings settings, TimeProvider time, ILogger<SigningKeyRegistry> logger)
    {
        Settings = settings;
        _time = time;
        _logger = logger;
        // Redirects are not followed: the configured issuer, and the jwks_uri it names, are the only places keys come from.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = settings.FetchTimeout, UseCookies = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public JwtSettings Settings { get; }

    public SigningKeySource For(string issuer) =>
        _sources.GetOrAdd(issuer, i => new SigningKeySource(i, _http, Settings, _time, _logger));

    public void Dispose() => _http.Dispose();
}
