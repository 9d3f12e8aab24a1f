using System.Text;
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
    public static async Task<ApiGatewayRequest> ReadAsync(GatewayContext context)
    {
        var request = context.Http.Request;
        string? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            if (request.Body.CanSeek)
            {
                request.Body.Position = 0;
            }

            using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

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
