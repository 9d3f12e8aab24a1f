using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Lakegate.Core.Functions;
using Lakegate.Core.Mapping;

namespace Lakegate.Gateway.Integrations.Mapping;

/// <summary>
/// API Gateway's payload conversions for non-proxy integrations (MOCK, HTTP, AWS): which payloads
/// are binary, what a mapping template's <c>$input.body</c> sees, and how <c>contentHandling</c>
/// turns a method request into an integration request and an integration response into a method
/// response. One place for every integration kind (dg: api-gateway-payload-encodings-workflow).
/// <list type="bullet">
/// <item>A request payload is binary when its Content-Type matches the API's <c>binaryMediaTypes</c>
/// (wildcards <c>image/*</c>, <c>*/*</c>); a response is wanted as binary when the request's
/// <em>first</em> Accept type matches them; an integration response payload is binary when its
/// Content-Type matches them.</item>
/// <item>Templates read text: a binary payload reaches <c>$input.body</c> as base64.</item>
/// <item>Request, no template: <c>CONVERT_TO_TEXT</c> base64-encodes a binary payload,
/// <c>CONVERT_TO_BINARY</c> base64-decodes a text payload; anything else passes byte for byte.</item>
/// <item>Response, no template: the request table plus, when <c>binaryMediaTypes</c> is set and
/// contentHandling is absent, text is base64-decoded for a binary Accept and binary is
/// base64-encoded for a text Accept.</item>
/// <item>A template's output is text; <c>CONVERT_TO_BINARY</c> base64-decodes it (how a template
/// turns a base64 field into a binary upload), the other modes keep it.</item>
/// <item>Text that should be base64 and is not: <see cref="TryConvert"/> fails, and the caller
/// answers 500 <c>API_CONFIGURATION_ERROR</c>, as AWS does.</item>
/// </list>
/// </summary>
public static class ContentHandling
{
    /// <summary>
    /// Reads a declared <c>contentHandling</c>: null or empty is <see cref="ContentHandlingMode.Passthrough"/>;
    /// an unknown value is reported by validation before deploy and treated as passthrough here.
    /// </summary>
    public static ContentHandlingMode Parse(string? value) => ContentHandlingModes.Parse(value);

    /// <summary>A payload with this Content-Type is binary for an API with these <c>binaryMediaTypes</c>.</summary>
    public static bool IsBinary(string? contentType, IReadOnlyList<string> binaryMediaTypes) =>
        binaryMediaTypes.Count > 0 && BinaryMediaTypes.Matches(contentType, binaryMediaTypes);

    /// <summary>The client wants a binary response: the first Accept media type matches <c>binaryMediaTypes</c>.</summary>
    public static bool AcceptsBinary(string? accept, IReadOnlyList<string> binaryMediaTypes) =>
        binaryMediaTypes.Count > 0 && BinaryMediaTypes.AcceptMatches(accept, binaryMediaTypes);

    /// <summary>What a mapping template's <c>$input.body</c> sees: base64 for a binary payload, else the UTF-8 text.</summary>
    public static string TemplateText(ReadOnlySpan<byte> payload, bool isBinary) =>
        isBinary ? Convert.ToBase64String(payload) : Encoding.UTF8.GetString(payload);

    /// <summary>
    /// The integration request payload for a method request passed through without a template
    /// (request table). Returns false when <c>CONVERT_TO_BINARY</c> meets text that is not base64.
    /// </summary>
    public static bool TryConvertRequest(ReadOnlyMemory<byte> payload, bool isBinary, ContentHandlingMode mode, out ReadOnlyMemory<byte> converted) =>
        TryConvert(payload, isBinary, mode, out converted);

    /// <summary>
    /// The method response payload for an integration response passed through without a template
    /// (response table). Returns false when a base64 decode meets text that is not base64.
    /// </summary>
    public static bool TryConvertResponse(
        ReadOnlyMemory<byte> payload,
        bool payloadIsBinary,
        bool acceptsBinary,
        bool binaryMediaTypesSet,
        ContentHandlingMode mode,
        out ReadOnlyMemory<byte> converted)
    {
        if (mode == ContentHandlingMode.Passthrough && binaryMediaTypesSet)
        {
            if (!payloadIsBinary && acceptsBinary)
            {
                return TryDecode(payload, out converted);
            }

            if (payloadIsBinary && !acceptsBinary)
            {
                converted = Encode(payload);
                return true;
            }
        }

        return TryConvert(payload, payloadIsBinary, mode, out converted);
    }

    /// <summary>A template's output (text): <c>CONVERT_TO_BINARY</c> decodes it from base64, the other modes keep it.</summary>
    public static bool TryConvertTemplateOutput(ReadOnlyMemory<byte> rendered, ContentHandlingMode mode, out ReadOnlyMemory<byte> converted) =>
        TryConvert(rendered, isBinary: false, mode, out converted);

    /// <summary>The conversions both tables share: text→binary decodes, binary→text encodes, the rest stays.</summary>
    public static bool TryConvert(ReadOnlyMemory<byte> payload, bool isBinary, ContentHandlingMode mode, out ReadOnlyMemory<byte> converted)
    {
        switch (mode)
        {
            case ContentHandlingMode.ConvertToBinary when !isBinary:
                return TryDecode(payload, out converted);
            case ContentHandlingMode.ConvertToText when isBinary:
                converted = Encode(payload);
                return true;
            default:
                converted = payload;
                return true;
        }
    }

    private static ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> payload)
    {
        var encoded = new byte[Base64.GetMaxEncodedToUtf8Length(payload.Length)];
        Base64.EncodeToUtf8(payload.Span, encoded, out _, out var written);
        return encoded.AsMemory(0, written);
    }

    /// <summary>Standard base64 with padding; blanks and line breaks around it are ignored.</summary>
    private static bool TryDecode(ReadOnlyMemory<byte> payload, out ReadOnlyMemory<byte> converted)
    {
        var text = Trim(payload.Span);
        var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
        if (Base64.DecodeFromUtf8(text, decoded, out var consumed, out var written) != OperationStatus.Done || consumed != text.Length)
        {
            converted = default;
            return false;
        }

        converted = decoded.AsMemory(0, written);
        return true;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> span)
    {
        var start = 0;
        var end = span.Length;
        while (start < end && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        while (end > start && span[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            end--;
        }

        return span[start..end];
    }
}
