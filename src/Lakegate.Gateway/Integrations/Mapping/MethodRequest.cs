using Lakegate.Core.Vtl.ApiGateway;

namespace Lakegate.Gateway.Integrations.Mapping;

/// <summary>
/// A method request read for a non-proxy integration: the payload as the client sent it (what
/// passes through, byte for byte), whether it is binary (Content-Type in binaryMediaTypes), and
/// the shape templates see (<see cref="Input"/>, whose body is the UTF-8 text or, for a binary
/// payload, its base64 — made on first use, since passthrough never needs it).
/// </summary>
public sealed class MethodRequest(Func<string?, ApiGatewayRequest> input, ReadOnlyMemory<byte> payload, bool hasBody, bool isBinary)
{
    private ApiGatewayRequest? _input;

    public ReadOnlyMemory<byte> Payload { get; } = payload;

    /// <summary>The client sent a body (possibly empty).</summary>
    public bool HasBody { get; } = hasBody;

    public bool IsBinary { get; } = isBinary;

    public ApiGatewayRequest Input => _input ??= input(HasBody ? ContentHandling.TemplateText(Payload.Span, IsBinary) : null);
}
