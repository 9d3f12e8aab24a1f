using System.Text.RegularExpressions;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>Api ids (they appear in host names and paths), uniqueness, and references from routes to api-level declarations.</summary>
internal sealed partial class ApiValidator : IDefinitionValidator
{
    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var api in config.Apis)
        {
            if (api.Id.StartsWith('_'))
            {
                diagnostics.Add(Diagnostic.Error(api.Position, $"api id '{api.Id}': ids beginning with '_' are reserved"));
            }
            else if (!IdPattern().IsMatch(api.Id))
            {
                diagnostics.Add(Diagnostic.Error(api.Position, $"api id '{api.Id}': expected 1 to 64 letters, digits or '-', starting with a letter or digit"));
            }

            // Ids are the first label of execute-api host names, which compare case-insensitively.
            if (!seen.Add(api.Id))
            {
                diagnostics.Add(Diagnostic.Error(api.Position, $"api id '{api.Id}' is declared more than once"));
            }

            if (api.ApiKeySource is not ("HEADER" or "AUTHORIZER"))
            {
                diagnostics.Add(Diagnostic.Error(api.Position, $"api {api.Id}: apiKeySource '{api.ApiKeySource}': expected HEADER or AUTHORIZER"));
            }

            if (api.MinimumCompressionSize is < 0 or > 10_485_760)
            {
                diagnostics.Add(Diagnostic.Error(api.Position, $"api {api.Id}: minimumCompressionSize must be within 0..10485760"));
            }

            if (api.DefaultRequestValidator is { } defaultValidator && !api.RequestValidators.ContainsKey(defaultValidator))
            {
                diagnostics.Add(Diagnostic.Error(api.Position, $"api {api.Id}: request validator '{defaultValidator}' is not declared in requestValidators"));
            }

            CheckCors(api, diagnostics);
            foreach (var route in api.Routes)
            {
                CheckReferences(api, route, diagnostics);
            }
        }
    }

    private static void CheckCors(ApiDefinition api, ICollection<Diagnostic> diagnostics)
    {
        if (api.Cors is not { } cors)
        {
            return;
        }

        if (api.Kind != ApiKind.Http)
        {
            // REST APIs have no CORS engine: browsers get what OPTIONS routes and integration responses declare.
            diagnostics.Add(Diagnostic.Warning(api.Position, $"api {api.Id}: cors applies to HTTP APIs only and is ignored; REST APIs declare OPTIONS (MOCK) routes and Access-Control-* response headers"));
            return;
        }

        Cors.CorsPolicy.Compile(cors, out var errors);
        foreach (var error in errors)
        {
            diagnostics.Add(Diagnostic.Error(api.Position, $"api {api.Id}: {error}"));
        }
    }

    private static void CheckReferences(ApiDefinition api, RouteDefinition route, ICollection<Diagnostic> diagnostics)
    {
        var label = $"api {api.Id}: route {route.RouteKey}";
        if (route.RequestValidator is { } validator && !api.RequestValidators.ContainsKey(validator))
        {
            diagnostics.Add(Diagnostic.Error(route.Position, $"{label}: request validator '{validator}' is not declared in requestValidators"));
        }

        if (route.AuthorizerId is { } authorizer && !api.Authorizers.ContainsKey(authorizer))
        {
            diagnostics.Add(Diagnostic.Error(route.Position, $"{label}: authorizer '{authorizer}' is not declared in authorizers"));
        }

        if (route.AuthorizationType is not ("NONE" or "AWS_IAM" or "CUSTOM" or "COGNITO_USER_POOLS" or "JWT"))
        {
            diagnostics.Add(Diagnostic.Error(route.Position, $"{label}: authorizationType '{route.AuthorizationType}': expected NONE, AWS_IAM, CUSTOM, COGNITO_USER_POOLS or JWT"));
        }
        else if (route.AuthorizationType is "CUSTOM" or "COGNITO_USER_POOLS" or "JWT" && route.AuthorizerId is null)
        {
            diagnostics.Add(Diagnostic.Error(route.Position, $"{label}: authorizationType {route.AuthorizationType} needs an authorizer"));
        }

        foreach (var (contentType, model) in route.RequestModels)
        {
            if (!api.Models.ContainsKey(model))
            {
                diagnostics.Add(Diagnostic.Error(route.Position, $"{label}: request model '{model}' for {contentType} is not declared in models"));
            }
        }

        foreach (var key in route.RequestParameters.Keys)
        {
            if (!MethodRequestParameter().IsMatch(key))
            {
                diagnostics.Add(Diagnostic.Error(route.Position, $"{label}: request parameter '{key}': expected method.request.{{path|querystring|header}}.NAME"));
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^method\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.[^\s.][^\s]*$")]
    private static partial Regex MethodRequestParameter();
}
