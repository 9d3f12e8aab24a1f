namespace Lakegate.Gateway.Authorizers.Jwt;

/// <summary>Where keys may come from: https anywhere, plain http only on the loopback interface (local identity providers in development and tests).</summary>
internal static class AuthorizerUriRules
{
    public static bool IsAcceptable(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
