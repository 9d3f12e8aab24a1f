using Lakegate.Core.Validation;

namespace Lakegate.Gateway.Steps.Validate;

/// <summary>
/// A route's body models by media type. API Gateway picks the model for the request's Content-Type
/// (parameters ignored; no header means <c>application/json</c>); a type with no model falls back to
/// the <c>$default</c> model when one is declared, else the body is not validated (developer guide,
/// "Overview of basic request validation").
/// </summary>
internal sealed class RequestBodyModels
{
    public const string DefaultContentType = "application/json";
    public const string DefaultKey = "$default";

    private readonly Dictionary<string, ModelSchema> _byMediaType;
    private readonly ModelSchema? _fallback;

    public RequestBodyModels(Dictionary<string, ModelSchema> byMediaType)
    {
        _byMediaType = new Dictionary<string, ModelSchema>(byMediaType, StringComparer.OrdinalIgnoreCase);
        _fallback = _byMediaType.GetValueOrDefault(DefaultKey);
    }

    public ModelSchema? Select(string? contentType)
    {
        var mediaType = MediaType(contentType);
        return _byMediaType.TryGetValue(mediaType, out var model) ? model : _fallback;
    }

    private static string MediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return DefaultContentType;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return mediaType.Length == 0 ? DefaultContentType : mediaType;
    }
}
