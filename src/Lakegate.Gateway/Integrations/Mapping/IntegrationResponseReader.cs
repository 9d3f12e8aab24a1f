namespace Lakegate.Gateway.Integrations.Mapping;

/// <summary>
/// Reads a backend's answer for a non-proxy integration (HTTP, AWS service): its headers (one map, both
/// header collections, case-insensitive) and its whole body, which templates and selection need before
/// anything is written. Bodies over <see cref="MaxBytes"/> (API Gateway's 10 MB payload limit) throw
/// <see cref="InvalidDataException"/>, declared length or not, so a backend cannot make the gateway buffer
/// without bound.
/// </summary>
public static class IntegrationResponseReader
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public static async Task<(Dictionary<string, IReadOnlyList<string>> Headers, ReadOnlyMemory<byte> Body)> ReadAsync(
        HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = [.. values];
        }

        if (response.Content.Headers.ContentLength > MaxBytes)
        {
            throw new InvalidDataException();
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new InvalidDataException();
            }

            buffer.Write(chunk, 0, read);
        }

        // The buffer's own array, not a copy: the MemoryStream is only disposed logically.
        return (headers, buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
