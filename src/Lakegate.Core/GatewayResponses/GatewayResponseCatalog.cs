using System.Collections.Frozen;

namespace Lakegate.Core.GatewayResponses;

/// <summary>
/// The defaults of every Gateway Response type (reference/aws-api-gateway.md §1.9). DEFAULT_4XX and
/// DEFAULT_5XX have no status of their own: they are the fallbacks a customisation can target.
/// </summary>
public static class GatewayResponseCatalog
{
    private static readonly GatewayResponseDefault[] All =
    [
        new(GatewayResponseType.AccessDenied, "ACCESS_DENIED", 403, "AccessDeniedException", "Forbidden"),
        new(GatewayResponseType.ApiConfigurationError, "API_CONFIGURATION_ERROR", 500, "ApiConfigurationException", "Internal server error"),
        new(GatewayResponseType.AuthorizerConfigurationError, "AUTHORIZER_CONFIGURATION_ERROR", 500, "AuthorizerConfigurationException", null),
        new(GatewayResponseType.AuthorizerFailure, "AUTHORIZER_FAILURE", 500, "AuthorizerFailureException", "Internal server error"),
        new(GatewayResponseType.BadRequestParameters, "BAD_REQUEST_PARAMETERS", 400, "BadRequestException", "Bad request"),
        new(GatewayResponseType.BadRequestBody, "BAD_REQUEST_BODY", 400, "BadRequestException", "Invalid request body"),
        new(GatewayResponseType.Default4xx, "DEFAULT_4XX", 400, "BadRequestException", "Bad request"),
        new(GatewayResponseType.Default5xx, "DEFAULT_5XX", 500, "InternalServerErrorException", "Internal server error"),
        new(GatewayResponseType.ExpiredToken, "EXPIRED_TOKEN", 403, "ExpiredTokenException", "The security token included in the request is expired"),
        new(GatewayResponseType.IntegrationFailure, "INTEGRATION_FAILURE", 502, "InternalServerErrorException", "Internal server error"),
        new(GatewayResponseType.IntegrationTimeout, "INTEGRATION_TIMEOUT", 504, "InternalServerErrorException", "Endpoint request timed out"),
        new(GatewayResponseType.InvalidApiKey, "INVALID_API_KEY", 403, "ForbiddenException", "Forbidden"),
        new(GatewayResponseType.InvalidSignature, "INVALID_SIGNATURE", 403, "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."),
        new(GatewayResponseType.MissingAuthenticationToken, "MISSING_AUTHENTICATION_TOKEN", 403, "MissingAuthenticationTokenException", "Missing Authentication Token"),
        new(GatewayResponseType.QuotaExceeded, "QUOTA_EXCEEDED", 429, "LimitExceededException", "Limit Exceeded"),
        new(GatewayResponseType.RequestTooLarge, "REQUEST_TOO_LARGE", 413, "RequestTooLargeException", "Request Too Long"),
        new(GatewayResponseType.ResourceNotFound, "RESOURCE_NOT_FOUND", 404, "ResourceNotFoundException", "Not Found"),
        new(GatewayResponseType.Throttled, "THROTTLED", 429, "TooManyRequestsException", "Too Many Requests"),
        new(GatewayResponseType.Unauthorized, "UNAUTHORIZED", 401, "UnauthorizedException", "Unauthorized"),
        new(GatewayResponseType.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", 415, "UnsupportedMediaTypeException", "Unsupported Media Type"),
        new(GatewayResponseType.WafFiltered, "WAF_FILTERED", 403, "WafFilteredException", "Forbidden"),
    ];

    private static readonly FrozenDictionary<GatewayResponseType, GatewayResponseDefault> ByType =
        All.ToFrozenDictionary(d => d.Type);

    private static readonly FrozenDictionary<string, GatewayResponseDefault> ByName =
        All.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);

    public static IReadOnlyList<GatewayResponseDefault> Types => All;

    public static GatewayResponseDefault Get(GatewayResponseType type) => ByType[type];

    public static bool TryGet(string name, out GatewayResponseDefault? response) => ByName.TryGetValue(name, out response);

    /// <summary>The DEFAULT_4XX/DEFAULT_5XX family a status falls back to.</summary>
    public static GatewayResponseType FamilyOf(int statusCode) =>
        statusCode >= 500 ? GatewayResponseType.Default5xx : GatewayResponseType.Default4xx;
}
