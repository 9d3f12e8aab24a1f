using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Lakegate.Core.Functions;

/// <summary>
/// Builds Lambda proxy events exactly as API Gateway does (reference §3.1, §3.4): payload 1.0 for
/// REST APIs (and HTTP APIs that ask for it, with <c>version: "1.0"</c>), payload 2.0 for HTTP APIs.
/// </summary>
public static class ProxyEventWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = false, SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Payload format 1.0. <paramref name="httpApi"/> adds <c>version</c> and uses the HTTP API body rule.</summary>
    public static byte[] WriteV1(ProxyRequest request, bool httpApi = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>(1024 + request.Body.Length * 2);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            if (httpApi)
            {
                json.WriteString("version", "1.0");
            }

            json.WriteString("resource", request.ResourcePath);
            json.WriteString("path", request.Path);
            json.WriteString("httpMethod", request.HttpMethod);

            var headers = Group(request.Headers, StringComparer.OrdinalIgnoreCase);
            WriteLastValues(json, "headers", headers);
            WriteMultiValues(json, "multiValueHeaders", headers);

            var query = Group(ParseQuery(request.RawQueryString), StringComparer.Ordinal);
            WriteLastValues(json, "queryStringParameters", query);
            WriteMultiValues(json, "multiValueQueryStringParameters", query);

            WritePairs(json, "pathParameters", request.PathParameters, nullWhenEmpty: true);
            WriteMap(json, "stageVariables", request.StageVariables, nullWhenEmpty: true);

            json.WriteStartObject("requestContext");
            json.WriteString("accountId", request.AccountId);
            json.WriteString("apiId", request.ApiId);
            if (request.Authorizer is { } authorizer)
            {
                json.WritePropertyName("authorizer");
                authorizer.WriteTo(json);
            }

            WriteStringOrNull(json, "deploymentId", request.DeploymentId);
            json.WriteString("domainName", request.DomainName);
            json.WriteString("domainPrefix", request.DomainPrefix);
            json.WriteString("extendedRequestId", request.RequestId);
            json.WriteString("httpMethod", request.HttpMethod);
            json.WriteStartObject("identity");
            WriteStringOrNull(json, "accessKey", request.IdentityAccessKey);
            WriteStringOrNull(json, "accountId", request.IdentityAccountId);
            WriteStringOrNull(json, "caller", request.IdentityCaller);
            json.WriteNull("cognitoAuthenticationProvider");
            json.WriteNull("cognitoAuthenticationType");
            json.WriteNull("cognitoIdentityId");
            json.WriteNull("cognitoIdentityPoolId");
            json.WriteNull("principalOrgId");
            json.WriteString("sourceIp", request.SourceIp);
            WriteStringOrNull(json, "user", request.IdentityUser);
            WriteStringOrNull(json, "userAgent", request.UserAgent);
            WriteStringOrNull(json, "userArn", request.IdentityUserArn);
            json.WriteEndObject();
            json.WriteString("path", request.ContextPath);
            json.WriteString("protocol", request.Protocol);
            json.WriteString("requestId", request.RequestId);
            json.WriteString("requestTime", ClfTime(request.RequestTime));
            json.WriteNumber("requestTimeEpoch", request.RequestTime.ToUnixTimeMilliseconds());
            json.WriteString("resourceId", request.ResourcePath);
            json.WriteString("resourcePath", request.ResourcePath);
            json.WriteString("stage", request.Stage);
            json.WriteEndObject();

            var binary = IsBinary(request, httpApi, headers);
            WriteBody(json, request.Body, binary, omitWhenEmpty: false);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Payload format 2.0 (HTTP APIs).</summary>
    public static byte[] WriteV2(ProxyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>(1024 + request.Body.Length * 2);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            var routeKey = request.RouteKey ?? "$default";
            var rawPath = request.RawPath ?? request.Path;
            json.WriteStartObject();
            json.WriteString("version", "2.0");
            json.WriteString("routeKey", routeKey);
            json.WriteString("rawPath", rawPath);
            json.WriteString("rawQueryString", request.RawQueryString);

            var cookies = new List<string>();
            var headers = new List<KeyValuePair<string, List<string>>>();
            foreach (var (name, value) in request.Headers)
            {
                var lower = name.ToLowerInvariant();
                if (lower == "cookie")
                {
                    // Cookies travel in their own list, one entry per cookie, and not among the headers.
                    foreach (var cookie in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        cookies.Add(cookie);
                    }

                    continue;
                }

                Add(headers, lower, value, StringComparer.Ordinal);
            }

            if (cookies.Count > 0)
            {
                json.WriteStartArray("cookies");
                foreach (var cookie in cookies)
                {
                    json.WriteStringValue(cookie);
                }

                json.WriteEndArray();
            }

            json.WriteStartObject("headers");
            foreach (var (name, values) in headers)
            {
                json.WriteString(name, string.Join(',', values));
            }

            json.WriteEndObject();

            var query = Group(ParseQuery(request.RawQueryString), StringComparer.Ordinal);
            if (query.Count > 0)
            {
                json.WriteStartObject("queryStringParameters");
                foreach (var (name, values) in query)
                {
                    json.WriteString(name, string.Join(',', values));
                }

                json.WriteEndObject();
            }

            if (request.PathParameters.Count > 0)
            {
                WritePairs(json, "pathParameters", request.PathParameters, nullWhenEmpty: false);
            }

            if (request.StageVariables.Count > 0)
            {
                WriteMap(json, "stageVariables", request.StageVariables, nullWhenEmpty: false);
            }

            json.WriteStartObject("requestContext");
            json.WriteString("accountId", request.AccountId);
            json.WriteString("apiId", request.ApiId);
            if (request.Authorizer is { } authorizer)
            {
                json.WritePropertyName("authorizer");
                authorizer.WriteTo(json);
            }

            json.WriteString("domainName", request.DomainName);
            json.WriteString("domainPrefix", request.DomainPrefix);
            json.WriteStartObject("http");
            json.WriteString("method", request.HttpMethod);
            json.WriteString("path", rawPath);
            json.WriteString("protocol", request.Protocol);
            json.WriteString("sourceIp", request.SourceIp);
            json.WriteString("userAgent", request.UserAgent ?? string.Empty);
            json.WriteEndObject();
            json.WriteString("requestId", request.RequestId);
            json.WriteString("routeKey", routeKey);
            json.WriteString("stage", request.Stage);
            json.WriteString("time", ClfTime(request.RequestTime));
            json.WriteNumber("timeEpoch", request.RequestTime.ToUnixTimeMilliseconds());
            json.WriteEndObject();

            var contentType = Header(request.Headers, "content-type");
            WriteBody(json, request.Body, !BinaryMediaTypes.IsTextForHttpApi(contentType), omitWhenEmpty: true);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>a=1&amp;a=2&amp;b</c> → (a,1) (a,2) (b,""), names and values percent-decoded.</summary>
    public static List<KeyValuePair<string, string>> ParseQuery(string rawQueryString)
    {
        ArgumentNullException.ThrowIfNull(rawQueryString);
        var pairs = new List<KeyValuePair<string, string>>();
        var query = rawQueryString.StartsWith('?') ? rawQueryString[1..] : rawQueryString;
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add(new KeyValuePair<string, string>(Decode(name), Decode(value)));
        }

        return pairs;
    }

    public static string ClfTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture);

    private static string Decode(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    private static bool IsBinary(ProxyRequest request, bool httpApi, List<KeyValuePair<string, List<string>>> headers)
    {
        string? contentType = null;
        foreach (var (name, values) in headers)
        {
            if (string.Equals(name, "content-type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = values[^1];
            }
        }

        if (httpApi || request.BinaryMediaTypes is null)
        {
            return !BinaryMediaTypes.IsTextForHttpApi(contentType);
        }

        return BinaryMediaTypes.Matches(contentType, request.BinaryMediaTypes);
    }

    private static string? Header(IReadOnlyList<KeyValuePair<string, string>> headers, string name)
    {
        string? found = null;
        foreach (var (key, value) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                found = value;
            }
        }

        return found;
    }

    private static void WriteBody(Utf8JsonWriter json, ReadOnlyMemory<byte> body, bool binary, bool omitWhenEmpty)
    {
        if (body.IsEmpty)
        {
            if (!omitWhenEmpty)
            {
                json.WriteNull("body");
            }

            json.WriteBoolean("isBase64Encoded", false);
            return;
        }

        if (binary)
        {
            json.WriteBase64String("body", body.Span);
        }
        else
        {
            json.WriteString("body", System.Text.Encoding.UTF8.GetString(body.Span));
        }

        json.WriteBoolean("isBase64Encoded", binary);
    }

    private static List<KeyValuePair<string, List<string>>> Group(IReadOnlyList<KeyValuePair<string, string>> pairs, StringComparer comparer)
    {
        var grouped = new List<KeyValuePair<string, List<string>>>();
        foreach (var (name, value) in pairs)
        {
            Add(grouped, name, value, comparer);
        }

        return grouped;
    }

    private static void Add(List<KeyValuePair<string, List<string>>> grouped, string name, string value, StringComparer comparer)
    {
        foreach (var (existing, values) in grouped)
        {
            if (comparer.Equals(existing, name))
            {
                values.Add(value);
                return;
            }
        }

        grouped.Add(new KeyValuePair<string, List<string>>(name, [value]));
    }

    private static void WriteLastValues(Utf8JsonWriter json, string property, List<KeyValuePair<string, List<string>>> grouped)
    {
        if (grouped.Count == 0)
        {
            json.WriteNull(property);
            return;
        }

        json.WriteStartObject(property);
        foreach (var (name, values) in grouped)
        {
            json.WriteString(name, values[^1]);
        }

        json.WriteEndObject();
    }

    private static void WriteMultiValues(Utf8JsonWriter json, string property, List<KeyValuePair<string, List<string>>> grouped)
    {
        if (grouped.Count == 0)
        {
            json.WriteNull(property);
            return;
        }

        json.WriteStartObject(property);
        foreach (var (name, values) in grouped)
        {
            json.WriteStartArray(name);
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WritePairs(Utf8JsonWriter json, string property, IReadOnlyList<KeyValuePair<string, string>> pairs, bool nullWhenEmpty)
    {
        if (pairs.Count == 0 && nullWhenEmpty)
        {
            json.WriteNull(property);
            return;
        }

        json.WriteStartObject(property);
        foreach (var (name, value) in pairs)
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter json, string property, IReadOnlyDictionary<string, string> map, bool nullWhenEmpty)
    {
        if (map.Count == 0 && nullWhenEmpty)
        {
            json.WriteNull(property);
            return;
        }

        json.WriteStartObject(property);
        foreach (var (name, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string property, string? value)
    {
        if (value is null)
        {
            json.WriteNull(property);
        }
        else
        {
            json.WriteString(property, value);
        }
    }
}
