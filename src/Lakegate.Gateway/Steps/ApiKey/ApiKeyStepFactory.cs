using Lakegate.Core.Definitions;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Steps.ApiKey;

/// <summary>Adds the key check to REST routes with <c>apiKeyRequired</c>; other routes ignore <c>x-api-key</c>.</summary>
internal sealed class ApiKeyStepFactory : IGatewayStepFactory
{
    private static readonly ApiKeyStep Header = new();
    private static readonly AuthorizerApiKeyStep Authorizer = new();

    public GatewayPhase Phase => GatewayPhase.ApiKey;

    public IGatewayStep? Create(RouteCompileContext route)
    {
        if (!route.Route.ApiKeyRequired || route.Api.Kind != ApiKind.Rest)
        {
            return null;
        }

        return route.Api.ApiKeySource == "AUTHORIZER" ? Authorizer : Header;
    }
}
