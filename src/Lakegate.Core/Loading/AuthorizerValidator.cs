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
            if (api.Authorizers.Count == 0)
            {
                continue;
            }

            var authorizers = AuthorizerParser.ParseAll(api, new List<Diagnostic>());
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
