namespace Lakegate.Core.Signing;

/// <summary>
/// The parts of an HTTP request that SigV4 covers, as they travel on the wire: <see cref="Path"/> is the
/// percent-encoded path, <see cref="Query"/> the raw query string without <c>?</c>, <see cref="PayloadHash"/> the hex
/// SHA-256 of the body or <see cref="SigV4.UnsignedPayload"/>. Used both to sign outgoing requests and to verify
/// incoming ones.
/// </summary>
public sealed record SigningRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string PayloadHash);
