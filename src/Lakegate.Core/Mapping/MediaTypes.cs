namespace Lakegate.Core.Mapping;

/// <summary>How API Gateway keys templates: media type only, lower-cased, parameters dropped.</summary>
public static class MediaTypes
{
    public const string Json = "application/json";

    /// <summary>The media type of a Content-Type header (<c>application/json; charset=utf-8</c> → <c>application/json</c>); absent → application/json.</summary>
    public static string OfContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return Json;
        }

        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }

    /// <summary>API Gateway uses only the first media type of Accept (no q-value ordering); absent or */* → application/json.</summary>
    public static string FirstOfAccept(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return Json;
        }

        var comma = accept.IndexOf(',');
        var first = OfContentType(comma < 0 ? accept : accept[..comma]);
        return first is "" or "*/*" ? Json : first;
    }
}
