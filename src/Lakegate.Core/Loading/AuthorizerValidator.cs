using Lakegate.Core.Authorizers;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// Routes and their authorizers must agree: <c>CUSTOM</c> needs a token/request authorizer,
/// <c>COGNITO_USER_POOLS</c> a cognito_user_pools one, <c>JWT</c> a jwt one; scopes only mean
/// something to JWT and Cognito. Problems inside a declaration were reported where it is written.
/// </summary>
internal sealed class AuthorizerValidator : IDefinitionValidator
{
    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        foreach (var api in config.Apis)
        {
            var authorizers = AuthorizerParser.ParseAll(api, new List<Diagnostic>());
            if (api.ApiKeySource == "AUTHORIZER" && api.Kind == ApiKind.Rest)
            {
                foreach (var route in api.Routes)
                {
                    if (route.ApiKeyRequired && !(route.AuthorizerId is { } id && authorizers.TryGetValue(id, out var a) && a.IsLambda))
                    {
                        diagnostics.Add(Diagnostic.Warning(route.Position,
                            $"route {route.RouteKey}: apiKeyRequired with apiKeySource AUTHORIZER needs a Lambda authorizer on the route (its usageIdentifierKey is the key); without one requests get 403"));
                    }
                }
            }

            foreach (var authorizer in authorizers.Values)
            {
                // As for integrations: a Lambda authorizer must name a declared function (an OpenAPI
                // export cannot declare any, so there it is a warning and the route answers 500).
                if (authorizer.FunctionName is { } function && !function.Contains("${stageVariables.", StringComparison.Ordinal)
                    && !config.Functions.Any(f => f.Name == function))
                {
                    diagnostics.Add(config.Functions.Count == 0
                        ? Diagnostic.Warning(api.Position, $"api {api.Id}: authorizer {authorizer.Name}: Lambda function '{function}' is not declared (no functions: in this definition); requests will get 500")
                        : Diagnostic.Error(api.Position, $"api {api.Id}: authorizer {authorizer.Name}: function '{function}' is not declared under functions:"));
                }
            }

            foreach (var route in api.Routes)
            {
                if (route.AuthorizerId is not { } name || !authorizers.TryGetValue(name, out var authorizer))
                {
                    continue;
                }

                var label = $"route {route.RouteKey}";
                var expected = authorizer.Kind switch
                {
                    AuthorizerKind.Token or AuthorizerKind.Request => "CUSTOM",
                    AuthorizerKind.Jwt => "JWT",
                    _ => "COGNITO_USER_POOLS",
                };
                if (route.AuthorizationType != expected)
                {
                    diagnostics.Add(Diagnostic.Error(route.Position, $"{label}: authorizer '{name}' is a {authorizer.Kind.ToString().ToLowerInvariant()} authorizer; authorizationType must be {expected}, not {route.AuthorizationType}"));
                }

                if (route.AuthorizationScopes.Count > 0 && authorizer.IsLambda)
                {
                    diagnostics.Add(Diagnostic.Warning(route.Position, $"{label}: authorizationScopes are ignored by Lambda authorizers"));
                }
            }
        }
    }
}
