using Lakegate.Core.Vtl.ApiGateway;
using Lakegate.Gateway.Pipeline;
using Microsoft.Extensions.Primitives;

namespace Lakegate.Gateway.Integrations.Mapping;

/// <summary>
/// Reads the method request into the shape mapping templates see (<see cref="ApiGatewayRequest"/>).
/// Non-proxy integrations transform the body, so it is read whole; the edge limit bounds its size.
/// </summary>
public static class MethodRequestReader
{
    /// <summary>The request with its body as text (UTF-8, or base64 when the API lists its Content-Type as binary).</summary>
    public static async Task<ApiGatewayRequest> ReadAsync(GatewayContext context) => (await ReadPayloadAsync(context)).Input;

    /// <summary>The request with its raw payload, binary-ness judged by the deployment's binaryMediaTypes.</summary>
    public static async Task<MethodRequest> ReadPayloadAsync(GatewayContext context)
    {
        var request = context.Http.Request;
        var payload = ReadOnlyMemory<byte>.Empty;
        var hasBody = request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0;
        if (hasBody)
        {
            if (request.Body.CanSeek)
            {
                request.Body.Position = 0;
            }

            using var buffer = request.ContentLength is { } length and <= int.MaxValue ? new MemoryStream((int)length) : new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            payload = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        }

        var isBinary = ContentHandling.IsBinary(request.ContentType, context.Deployment?.Definition.BinaryMediaTypes ?? []);
        return new MethodRequest(body => Parameters(context, body), payload, hasBody, isBinary);
    }

    private static ApiGatewayRequest Parameters(GatewayContext context, string? body)
    {
        var request = context.Http.Request;
        var path = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in context.PathParameters)
        {
            path[name] = value;
        }

        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        var multiQuery = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Query)
        {
            query[name] = Last(values);
            multiQuery[name] = [.. values.Select(v => v ?? string.Empty)];
        }

        // Header lookups ignore case: HTTP says names are case-insensitive, and clients differ in what they send.
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var multiHeaders = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = Last(values);
            multiHeaders[name] = [.. values.Select(v => v ?? string.Empty)];
        }

        return new ApiGatewayRequest(body, path, query, headers, multiQuery, multiHeaders);
    }

    private static string Last(StringValues values) => values.Count == 0 ? string.Empty : values[values.Count - 1] ?? string.Empty;
}
