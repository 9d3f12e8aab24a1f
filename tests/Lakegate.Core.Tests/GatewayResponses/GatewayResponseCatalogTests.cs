using Lakegate.Core.GatewayResponses;

namespace Lakegate.Core.Tests.GatewayResponses;

public sealed class GatewayResponseCatalogTests
{
    [Fact]
    public void Catalog_CoversEveryType()
    {
        foreach (var type in Enum.GetValues<GatewayResponseType>())
        {
            var entry = GatewayResponseCatalog.Get(type);
            Assert.True(GatewayResponseCatalog.TryGet(entry.Name, out var byName));
            Assert.Same(entry, byName);
        }
    }

    [Theory]
    [InlineData("MISSING_AUTHENTICATION_TOKEN", 403, "MissingAuthenticationTokenException", "Missing Authentication Token")]
    [InlineData("THROTTLED", 429, "TooManyRequestsException", "Too Many Requests")]
    [InlineData("QUOTA_EXCEEDED", 429, "LimitExceededException", "Limit Exceeded")]
    [InlineData("INVALID_API_KEY", 403, "ForbiddenException", "Forbidden")]
    [InlineData("UNAUTHORIZED", 401, "UnauthorizedException", "Unauthorized")]
    [InlineData("INTEGRATION_TIMEOUT", 504, "InternalServerErrorException", "Endpoint request timed out")]
    [InlineData("REQUEST_TOO_LARGE", 413, "RequestTooLargeException", "Request Too Long")]
    [InlineData("BAD_REQUEST_BODY", 400, "BadRequestException", "Invalid request body")]
    public void Catalog_DefaultsMatchApiGateway(string name, int status, string errorType, string message)
    {
        Assert.True(GatewayResponseCatalog.TryGet(name, out var entry));
        Assert.Equal(status, entry!.StatusCode);
        Assert.Equal(errorType, entry.ErrorType);
        Assert.Equal(message, entry.Message);
    }

    [Fact]
    public void AuthorizerConfigurationError_HasANullMessage()
    {
        Assert.Null(GatewayResponseCatalog.Get(GatewayResponseType.AuthorizerConfigurationError).Message);
    }
}
