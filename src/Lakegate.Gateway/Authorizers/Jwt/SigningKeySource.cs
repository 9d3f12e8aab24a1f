using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Lakegate.Gateway.Authorizers.Jwt;

/// <summary>
/// One issuer's signing keys: <c>{issuer}/.well-known/openid-configuration</c> → <c>jwks_uri</c> →
/// keys. Only RSA and EC signature keys are kept (a symmetric <c>oct</c> key in a public JWKS is
/// ignored, so no token can be checked with a shared secret). One fetch at a time; a failed fetch
/// keeps the last good keys.
/// </summary>
public sealed class SigningKeySource
{
    private readonly string _issuer;
    private readonly HttpClient _http;
    private readonly JwtSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile KeySet? _keys;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    internal SigningKeySource(string issuer, HttpClient http, JwtSettings settings, TimeProvider time, ILogger logger)
    {
        _issuer = issuer;
        _http = http;
        _settings = settings;
        _time = time;
        _logger = logger;
    }

    private sealed record KeySet(IReadOnlyDictionary<string, JsonWebKey> ByKid, DateTimeOffset Fetched);

    /// <summary>How many times keys were fetched (discovery + JWKS), for tests and metrics.</summary>
    public int FetchCount { get; private set; }

    /// <summary>The key for <paramref name="kid"/>; refetches when the keys are stale, or (rate-limited) when the kid is unknown.</summary>
    public async ValueTask<(JsonWebKey? Key, bool Reachable)> FindAsync(string kid, CancellationToken cancellationToken)
    {
        var keys = _keys;
        var now = _time.GetUtcNow();
        if (keys is not null && now - keys.Fetched < _settings.KeyRefreshInterval && keys.ByKid.TryGetValue(kid, out var key))
        {
            return (key, true);
        }

        var stale = keys is null || now - keys.Fetched >= _settings.KeyRefreshInterval;
        if (stale || now - _lastAttempt >= _settings.UnknownKeyRefetchInterval)
        {
            await RefreshAsync(force: !stale, cancellationToken);
            keys = _keys;
        }

        if (keys is null)
        {
            return (null, false);
        }

        return (keys.ByKid.GetValueOrDefault(kid), true);
    }

    private async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        var seen = _keys;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another request refreshed while this one waited: use its keys.
            if (!ReferenceEquals(seen, _keys) || (force && _time.GetUtcNow() - _lastAttempt < _settings.UnknownKeyRefetchInterval))
            {
                return;
            }

            _lastAttempt = _time.GetUtcNow();
            FetchCount++;
            try
            {
                var discovery = await GetJsonAsync(_issuer.TrimEnd('/') + "/.well-known/openid-configuration", cancellationToken);
                using var discoveryDoc = JsonDocument.Parse(discovery);
                if (!discoveryDoc.RootElement.TryGetProperty("jwks_uri", out var jwksUri) || jwksUri.ValueKind != JsonValueKind.String
                    || !AuthorizerUriRules.IsAcceptable(jwksUri.GetString()!))
                {
                    throw new InvalidDataException("the discovery document has no usable jwks_uri (https, or http on loopback)");
                }

                var jwks = await GetJsonAsync(jwksUri.GetString()!, cancellationToken);
                var set = new JsonWebKeySet(System.Text.Encoding.UTF8.GetString(jwks));
                var byKid = new Dictionary<string, JsonWebKey>(StringComparer.Ordinal);
                foreach (var key in set.Keys)
                {
                    if (key.Kty is "RSA" or "EC" && key.Use is null or "sig" && !string.IsNullOrEmpty(key.Kid) && !key.HasPrivateKey)
                    {
                        byKid[key.Kid] = key;
                    }
                }

                _keys = new KeySet(byKid, _time.GetUtcNow());
                Steps.Authorize.AuthorizerLog.KeysFetched(_logger, _issuer, byKid.Count);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidDataException or ArgumentException)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                Steps.Authorize.AuthorizerLog.KeysFailed(_logger, _issuer, e.Message);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<byte[]> GetJsonAsync(string url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.FetchTimeout);
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{url} answered {(int)response.StatusCode}");
        }

        if (response.Content.Headers.ContentLength > _settings.MaxDocumentBytes)
        {
            throw new InvalidDataException($"{url} is larger than {_settings.MaxDocumentBytes} bytes");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var buffer = new byte[_settings.MaxDocumentBytes + 1];
        var total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(total), timeout.Token)) > 0)
        {
            total += read;
            if (total > _settings.MaxDocumentBytes)
            {
                throw new InvalidDataException($"{url} is larger than {_settings.MaxDocumentBytes} bytes");
            }
        }

        return buffer[..total];
    }
}
