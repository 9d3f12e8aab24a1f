using System.Net.Sockets;
using System.Text;

namespace Lakegate.Gateway.Tests.Functions.Conformance;

/// <summary>
/// HTTP/1.1 over a plain socket, for what HttpClient will not send: a header repeated on its own
/// lines (HttpClient folds them into one comma-joined line), which is what API Gateway's
/// <c>multiValueHeaders</c> keep apart.
/// </summary>
internal static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
    {
        public IEnumerable<string> Values(string name) =>
            Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

        public string Text => Encoding.UTF8.GetString(Body);
    }

    public static async Task<Response> SendAsync(string baseUrl, string method, string pathAndQuery, IEnumerable<(string Name, string Value)> headers, byte[]? body = null)
    {
        var uri = new Uri(baseUrl);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port, timeout.Token);
        await using var stream = client.GetStream();

        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(pathAndQuery).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(uri.Authority).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("Content-Length: ").Append(body?.Length ?? 0).Append("\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), timeout.Token);
        if (body is not null)
        {
            await stream.WriteAsync(body, timeout.Token);
        }

        using var all = new MemoryStream();
        await stream.CopyToAsync(all, timeout.Token);
        return Parse(all.ToArray());
    }

    private static Response Parse(byte[] raw)
    {
        var end = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new InvalidOperationException("no complete response head: " + Encoding.ASCII.GetString(raw));
        }

        var lines = Encoding.ASCII.GetString(raw, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
        }

        var body = raw[(end + 4)..];
        if (headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Dechunk(body);
        }

        return new Response(status, headers, body);
    }

    private static byte[] Dechunk(byte[] body)
    {
        using var output = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = body.AsSpan(position).IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body, position, lineEnd).Split(';')[0], 16);
            position += lineEnd + 2;
            if (size == 0)
            {
                return output.ToArray();
            }

            output.Write(body, position, size);
            position += size + 2;
        }
    }
}
