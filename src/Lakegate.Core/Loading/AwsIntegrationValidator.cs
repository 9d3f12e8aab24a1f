using System.Text.RegularExpressions;
using Lakegate.Core.AwsServices;
using Lakegate.Core.Definitions;
using Lakegate.Core.Functions;

namespace Lakegate.Core.Loading;

/// <summary>
/// AWS service integrations (type AWS with a URI that names a service other than Lambda): the URI, the service's
/// protocol, the HTTP method, path placeholders and which credentials sign the call.
/// </summary>
internal sealed partial class AwsIntegrationValidator : IDefinitionValidator
{
    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        foreach (var api in config.Apis)
        {
            foreach (var route in api.Routes)
            {
                var integration = route.Integration;
                if (integration.Type != IntegrationType.Aws || FunctionReference.Resolve(integration, out _) is not null)
                {
                    continue;
                }

                var label = $"api {api.Id}: route {route.RouteKey}: integration";
                var position = integration.Position ?? route.Position;
                if (!AwsServiceUri.TryParse(integration.Uri, out var uri, out var error))
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: {error}"));
                    continue;
                }

                CheckProtocol(uri!, integration, label, position, diagnostics);
                CheckPlaceholders(uri!, route, label, position, diagnostics);
                CheckCredentials(config.Aws, integration.Credentials, label, position, diagnostics);
            }
        }
    }

    private static void CheckProtocol(AwsServiceUri uri, IntegrationDefinition integration, string label, SourcePosition? position, ICollection<Diagnostic> diagnostics)
    {
        if (uri.IsAction)
        {
            var service = AwsServiceCatalog.Find(uri.Service);
            if (service is null || service.Protocol == AwsProtocol.Rest)
            {
                var hint = uri.Service == "s3" ? "; for S3 use s3:path/{bucket}/{key} with httpMethod GET, PUT, DELETE or HEAD" : "; use a path/ URI for other services";
                diagnostics.Add(Diagnostic.Error(position, $"{label}: action/ URIs are served for {AwsServiceCatalog.ActionServices}, not '{uri.Service}'{hint}"));
            }

            if (integration.HttpMethod is { } method && method != "POST")
            {
                diagnostics.Add(Diagnostic.Warning(position, $"{label}: httpMethod {method} is ignored: {uri.Service} actions are sent as POST"));
            }

            return;
        }

        if (integration.HttpMethod is null or "ANY")
        {
            diagnostics.Add(Diagnostic.Error(position, $"{label}: a path/ URI needs httpMethod (GET, PUT, POST, DELETE, HEAD, PATCH)"));
        }
    }

    private static void CheckPlaceholders(AwsServiceUri uri, RouteDefinition route, string label, SourcePosition? position, ICollection<Diagnostic> diagnostics)
    {
        var text = (uri.Path ?? "") + string.Concat(uri.ActionParameters.Select(p => p.Value));
        var routeParameters = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Placeholder().Matches(route.Path))
        {
            routeParameters.Add(match.Groups[1].Value);
        }

        foreach (Match match in Placeholder().Matches(text))
        {
            var name = match.Groups[1].Value;
            if (!routeParameters.Contains(name) && !route.Integration.RequestParameters.ContainsKey("integration.request.path." + name))
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: uri placeholder '{{{name}}}' is neither a path parameter of the route nor mapped by integration.request.path.{name}"));
            }
        }
    }

    private static void CheckCredentials(AwsDefinition? aws, string? credentials, string label, SourcePosition? position, ICollection<Diagnostic> diagnostics)
    {
        if (credentials is null)
        {
            return;
        }

        if (credentials.StartsWith("arn:aws:iam::*:user/", StringComparison.Ordinal))
        {
            diagnostics.Add(Diagnostic.Warning(position, $"{label}: credentials '{credentials}' (call with the caller's identity) is not supported; the call is signed with aws.credentials.default"));
            return;
        }

        if (aws is null || aws.Credentials.ContainsKey(credentials))
        {
            return;
        }

        if (credentials.StartsWith("arn:", StringComparison.Ordinal))
        {
            diagnostics.Add(Diagnostic.Warning(position, $"{label}: role '{credentials}' is not assumed (no STS); declare keys for it under aws.credentials, or the call is signed with aws.credentials.default"));
        }
        else
        {
            diagnostics.Add(Diagnostic.Error(position, $"{label}: credentials '{credentials}' is not declared under aws.credentials"));
        }
    }

    // {name} or {name+} but not ${stageVariables.x}.
    [GeneratedRegex(@"(?<!\$)\{([A-Za-z0-9._-]+)\+?\}")]
    private static partial Regex Placeholder();
}
