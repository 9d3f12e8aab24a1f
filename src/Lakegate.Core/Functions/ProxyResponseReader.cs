using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lakegate.Core.Functions;

/// <summary>
/// Validates a function's proxy result as API Gateway does (reference §3.2, §3.4). A result that
/// fails gives null and a reason for the log; the gateway then answers 502.
/// </summary>
public static class ProxyResponseReader
{
    private static readonly HashSet<string> V1Keys = ["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"];

    /// <summary>
    /// Payload 1.0: a JSON object with only statusCode (int-parsable, default 200), headers (string
    /// values; booleans and numbers coerced), multiValueHeaders (lists, winning over headers), body
    /// (string) and isBase64Encoded. <paramref name="decodeBase64"/>: REST decodes only when the
    /// request's Accept matched binaryMediaTypes; HTTP APIs always.
    /// </summary>
    public static ProxyResponse? ReadV1(ReadOnlyMemory<byte> payload, bool decodeBase64, out string? error)
    {
        if (!TryParse(payload, out var document, out error))
        {
            return null;
        }

        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "result is not a JSON object";
                return null;
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!V1Keys.Contains(property.Name))
                {
                    error = $"unexpected key '{property.Name}'";
                    return null;
                }
            }

            return ReadObject(root, decodeBase64, allowMultiValue: true, allowCookies: false, out error);
        }
    }

    /// <summary>
    /// Payload 2.0: an object with statusCode is read as the explicit format (cookies become
    /// set-cookie headers, base64 bodies are always decoded); any other valid JSON is a 200 whose
    /// body is that JSON (a JSON string: its text).
    /// </summary>
    public static ProxyResponse? ReadV2(ReadOnlyMemory<byte> payload, out string? error)
    {
        if (!TryParse(payload, out var document, out error))
        {
            return null;
        }

        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("statusCode", out _))
            {
                return ReadObject(root, decodeBase64: true, allowMultiValue: true, allowCookies: true, out error);
            }

            var body = root.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(root.GetString()!) : payload.ToArray();
            error = null;
            return new ProxyResponse(200, [new("Content-Type", ProxyResponse.DefaultContentType)], body);
        }
    }

    private static bool TryParse(ReadOnlyMemory<byte> payload, out JsonDocument? document, out string? error)
    {
        try
        {
            document = JsonDocument.Parse(payload);
            error = null;
            return true;
        }
        catch (JsonException)
        {
            document = null;
            error = "result is not valid JSON";
            return false;
        }
    }

    private static ProxyResponse? ReadObject(JsonElement root, bool decodeBase64, bool allowMultiValue, bool allowCookies, out string? error)
    {
        var status = 200;
        if (root.TryGetProperty("statusCode", out var statusElement))
        {
            if (!TryStatus(statusElement, out status))
            {
                error = "statusCode is not an integer HTTP status";
                return null;
            }
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (root.TryGetProperty("headers", out var headerElement) && headerElement.ValueKind != JsonValueKind.Null)
        {
            if (headerElement.ValueKind != JsonValueKind.Object)
            {
                error = "headers is not an object";
                return null;
            }

            foreach (var header in headerElement.EnumerateObject())
            {
                if (!TryScalar(header.Value, out var value))
                {
                    error = $"headers.{header.Name} is not a string";
                    return null;
                }

                headers.Add(new(header.Name, value));
            }
        }

        if (allowMultiValue && root.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind != JsonValueKind.Null)
        {
            if (multi.ValueKind != JsonValueKind.Object)
            {
                error = "multiValueHeaders is not an object";
                return null;
            }

            foreach (var header in multi.EnumerateObject())
            {
                if (header.Value.ValueKind != JsonValueKind.Array)
                {
                    error = $"multiValueHeaders.{header.Name} is not a list";
                    return null;
                }

                // A header in both maps: only the multi-value entry survives.
                headers.RemoveAll(h => string.Equals(h.Key, header.Name, StringComparison.OrdinalIgnoreCase));
                foreach (var item in header.Value.EnumerateArray())
                {
                    if (!TryScalar(item, out var value))
                    {
                        error = $"multiValueHeaders.{header.Name} holds a non-string";
                        return null;
                    }

                    headers.Add(new(header.Name, value));
                }
            }
        }

        if (allowCookies && root.TryGetProperty("cookies", out var cookies) && cookies.ValueKind != JsonValueKind.Null)
        {
            if (cookies.ValueKind != JsonValueKind.Array)
            {
                error = "cookies is not a list";
                return null;
            }

            foreach (var cookie in cookies.EnumerateArray())
            {
                if (cookie.ValueKind != JsonValueKind.String)
                {
                    error = "cookies holds a non-string";
                    return null;
                }

                headers.Add(new("Set-Cookie", cookie.GetString()!));
            }
        }

        foreach (var (name, value) in headers)
        {
            if (!IsToken(name) || value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                error = $"header '{name}' cannot be sent";
                return null;
            }
        }

        var isBase64 = false;
        if (root.TryGetProperty("isBase64Encoded", out var base64Element) && base64Element.ValueKind != JsonValueKind.Null)
        {
            if (base64Element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                error = "isBase64Encoded is not a boolean";
                return null;
            }

            isBase64 = base64Element.GetBoolean();
        }

        ReadOnlyMemory<byte> body = default;
        if (root.TryGetProperty("body", out var bodyElement) && bodyElement.ValueKind != JsonValueKind.Null)
        {
            if (bodyElement.ValueKind != JsonValueKind.String)
            {
                error = "body is not a string";
                return null;
            }

            if (isBase64 && decodeBase64)
            {
                try
                {
                    body = Convert.FromBase64String(bodyElement.GetString()!);
                }
                catch (FormatException)
                {
                    error = "body is not valid base64";
                    return null;
                }
            }
            else
            {
                body = Encoding.UTF8.GetBytes(bodyElement.GetString()!);
            }
        }

        if (!headers.Exists(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new("Content-Type", ProxyResponse.DefaultContentType));
        }

        error = null;
        return new ProxyResponse(status, headers, body);
    }

    private static bool TryStatus(JsonElement element, out int status)
    {
        status = 0;
        var ok = element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt32(out status),
            JsonValueKind.String => int.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out status),
            _ => false,
        };
        return ok && status is >= 100 and <= 599;
    }

    private static bool TryScalar(JsonElement element, out string value)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                value = element.GetString()!;
                return true;
            case JsonValueKind.True:
                value = "true";
                return true;
            case JsonValueKind.False:
                value = "false";
                return true;
            case JsonValueKind.Number:
                value = element.GetRawText();
                return true;
            default:
                value = string.Empty;
                return false;
        }
    }

    private static bool IsToken(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
