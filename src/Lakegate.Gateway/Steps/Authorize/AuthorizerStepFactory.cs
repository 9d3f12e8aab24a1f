using System.Runtime.CompilerServices;
using Lakegate.Core.Authorizers;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Authorizers;
using Lakegate.Gateway.Authorizers.Jwt;
using Lakegate.Gateway.Functions;
using Lakegate.Gateway.Pipeline;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Steps.Authorize;

/// <summary>
/// The Authenticate phase for routes with <c>CUSTOM</c>, <c>COGNITO_USER_POOLS</c> or <c>JWT</c>
/// authorization. The api's declarations are parsed once per deployment; a route whose authorizer
/// cannot be built still deploys but fails closed. <c>AWS_IAM</c> is not handled here.
/// </summary>
internal sealed class AuthorizerStepFactory(
    IFunctionInvoker invoker,
    IAuthorizerCache cache,
    JwtTokenValidator jwtValidator,
    TimeProvider time,
    ILogger<AuthorizerStepFactory> logger) : IGatewayStepFactory
{
    private readonly ConditionalWeakTable<ApiDefinition, Parsed> _parsed = [];

    private sealed record Parsed(IReadOnlyDictionary<string, AuthorizerDefinition> Authorizers, IReadOnlyList<Diagnostic> Problems);

    public GatewayPhase Phase => GatewayPhase.Authenticate;

    public IGatewayStep? Create(RouteCompileContext route)
    {
        if (route.Route.AuthorizationType is not ("CUSTOM" or "COGNITO_USER_POOLS" or "JWT"))
        {
            return null;
        }

        if (route.Route.AuthorizerId is not { } name)
        {
            return new MisconfiguredAuthorizerStep($"route {route.Route.RouteKey}: authorizationType {route.Route.AuthorizationType} names no authorizer");
        }

        var parsed = _parsed.GetValue(route.Api, api =>
        {
            var problems = new List<Diagnostic>();
            return new Parsed(AuthorizerParser.ParseAll(api, problems), problems);
        });
        if (!parsed.Authorizers.TryGetValue(name, out var authorizer))
        {
            var why = string.Join("; ", parsed.Problems.Select(p => p.Message));
            return new MisconfiguredAuthorizerStep($"route {route.Route.RouteKey}: authorizer '{name}' is not declared or invalid {why}");
        }

        return authorizer.IsLambda
            ? new LambdaAuthorizerStep(authorizer, route.Api.Kind, route.DeploymentId, invoker, cache, time, logger)
            : new JwtAuthorizerStep(authorizer, route.Api.Kind, route.Route.AuthorizationScopes, jwtValidator, logger);
    }
}
