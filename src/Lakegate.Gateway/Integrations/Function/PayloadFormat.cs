namespace Lakegate.Gateway.Integrations.Function;

/// <summary>Which Lambda proxy event and response contract a route uses.</summary>
public enum PayloadFormat
{
    /// <summary>REST APIs: payload 1.0, base64 by binaryMediaTypes.</summary>
    Rest,

    /// <summary>HTTP APIs with payloadFormatVersion 1.0: the REST shape plus <c>version</c>.</summary>
    HttpV1,

    /// <summary>HTTP APIs, payload 2.0 (the default).</summary>
    HttpV2,
}
