namespace Lakegate.Gateway.Admin;

/// <summary>The admin API: its own addresses (loopback by default) and the bearer token it requires.</summary>
public sealed class AdminOptions
{
    public IReadOnlyList<string> Urls { get; set; } = ["http://127.0.0.1:9090"];

    /// <summary>Without a token the admin API does not start: there is no anonymous control plane.</summary>
    public string? Token { get; set; }
}
