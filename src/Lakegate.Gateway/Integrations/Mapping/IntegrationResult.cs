using System.Text;

namespace Lakegate.Gateway.Integrations.Mapping;

/// <summary>
/// What a non-proxy backend answered, buffered for mapping (MOCK: status only, empty body). Holds
/// the payload as bytes (what passes through) and gives templates and body mappings its text
/// (<see cref="Body"/>: UTF-8, or base64 when the payload is binary), each made on first use.
/// </summary>
public sealed class IntegrationResult
{
    private string? _body;
    private ReadOnlyMemory<byte>? _payload;

    /// <summary>A text payload given as a string.</summary>
    public IntegrationResult(int statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string body)
    {
        StatusCode = statusCode;
        Headers = headers;
        _body = body;
    }

    /// <summary>A payload given as bytes; <paramref name="isBinary"/> when its Content-Type matches the API's binaryMediaTypes.</summary>
    public IntegrationResult(int statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, ReadOnlyMemory<byte> payload, bool isBinary)
    {
        StatusCode = statusCode;
        Headers = headers;
        _payload = payload;
        IsBinary = isBinary;
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> NoHeaders { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    public int StatusCode { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>The payload is binary (its Content-Type matched binaryMediaTypes).</summary>
    public bool IsBinary { get; }

    /// <summary>The text templates and body mappings see: the UTF-8 text, or base64 of a binary payload.</summary>
    public string Body => _body ??= ContentHandling.TemplateText(_payload!.Value.Span, IsBinary);

    /// <summary>The payload's bytes, as the backend sent them.</summary>
    public ReadOnlyMemory<byte> Payload => _payload ??= Encoding.UTF8.GetBytes(_body!);

    /// <summary>The backend's Content-Type, if it sent one.</summary>
    public string? ContentType => Headers.TryGetValue("Content-Type", out var values) && values.Count > 0 ? values[0] : null;
}
