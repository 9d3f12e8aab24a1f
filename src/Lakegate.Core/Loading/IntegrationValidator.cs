using System.Text.RegularExpressions;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>Integration settings: backend URIs, their path placeholders, timeouts and REST parameter mappings.</summary>
internal sealed partial class IntegrationValidator : IDefinitionValidator
{
    private const int MinTimeout = 50;
    private const int MaxTimeout = 300_000;

    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        foreach (var api in config.Apis)
        {
            foreach (var route in api.Routes)
            {
                var label = $"api {api.Id}: route {route.RouteKey}: integration";
                var integration = route.Integration;
                var position = integration.Position ?? route.Position;
                if (integration.Type is IntegrationType.HttpProxy or IntegrationType.Http)
                {
                    CheckHttpUri(route, label, position, diagnostics);
                }

                if (integration.TimeoutInMillis is < MinTimeout or > MaxTimeout)
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: timeoutInMillis {integration.TimeoutInMillis} must be within {MinTimeout}..{MaxTimeout}"));
                }
                else if (integration.TimeoutInMillis > IntegrationDefinition.DefaultTimeoutInMillis)
                {
                    diagnostics.Add(Diagnostic.Warning(position, $"{label}: timeoutInMillis {integration.TimeoutInMillis} is above API Gateway's default limit of 29000; AWS allows it only for Regional and private REST APIs after a quota increase"));
                }

                CheckContentHandling(integration, label, position, diagnostics);

                // HTTP APIs map parameters with their own syntax (overwrite:header.x, $request.*), and
                // AWS_PROXY subtypes take plain names (QueueUrl); only REST mappings follow this grammar.
                if (api.Kind == ApiKind.Rest)
                {
                    CheckRequestParameters(integration, label, position, diagnostics);
                }
            }
        }
    }

    private static void CheckContentHandling(IntegrationDefinition integration, string label, SourcePosition? position, ICollection<Diagnostic> diagnostics)
    {
        if (!Mapping.ContentHandlingModes.IsValid(integration.ContentHandling))
        {
            diagnostics.Add(Diagnostic.Error(position, $"{label}: contentHandling '{integration.ContentHandling}' must be CONVERT_TO_BINARY or CONVERT_TO_TEXT"));
        }

        foreach (var response in integration.Responses)
        {
            if (!Mapping.ContentHandlingModes.IsValid(response.ContentHandling))
            {
                diagnostics.Add(Diagnostic.Error(response.Position ?? position, $"{label}: response {response.StatusCode}: contentHandling '{response.ContentHandling}' must be CONVERT_TO_BINARY or CONVERT_TO_TEXT"));
            }
        }
    }

    private static void CheckHttpUri(RouteDefinition route, string label, SourcePosition? position, ICollection<Diagnostic> diagnostics)
    {
        var uri = route.Integration.Uri;
        if (string.IsNullOrWhiteSpace(uri))
        {
            diagnostics.Add(Diagnostic.Error(position, $"{label}: {IntegrationSupport.WireName(route.Integration.Type)} needs a uri"));
            return;
        }

        // A stage variable may stand for the whole URL or for the host; check what is left once it is filled in.
        if (!uri.StartsWith("${stageVariables.", StringComparison.Ordinal))
        {
            var filled = StageVariable().Replace(uri, "stagevariable");
            var withoutPlaceholders = PathPlaceholder().Replace(filled, "p");
            if (!Uri.TryCreate(withoutPlaceholders, UriKind.Absolute, out var parsed)
                || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
                || parsed.Host.Length == 0)
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: uri '{uri}' must be an absolute http:// or https:// URL"));
                return;
            }
        }

        var routeParameters = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in PathPlaceholder().Matches(route.Path))
        {
            routeParameters.Add(match.Groups[1].Value);
        }

        foreach (Match match in PathPlaceholder().Matches(uri))
        {
            var name = match.Groups[1].Value;
            if (!routeParameters.Contains(name) && !route.Integration.RequestParameters.ContainsKey("integration.request.path." + name))
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: uri placeholder '{{{name}}}' is neither a path parameter of the route nor mapped by integration.request.path.{name}"));
            }
        }
    }

    private static void CheckRequestParameters(IntegrationDefinition integration, string label, SourcePosition? position, ICollection<Diagnostic> diagnostics)
    {
        foreach (var (key, source) in integration.RequestParameters)
        {
            if (!TargetPattern().IsMatch(key))
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: requestParameters key '{key}': expected integration.request.{{path|querystring|header|multivaluequerystring|multivalueheader}}.NAME"));
            }

            if (!SourcePattern().IsMatch(source))
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: requestParameters['{key}'] = '{source}': expected method.request.{{path|querystring|header|multivaluequerystring|multivalueheader}}.NAME, method.request.body[.path], stageVariables.NAME, context.NAME or a 'static' value"));
            }
        }
    }

    // {name} or {name+} but not ${stageVariables.x}.
    [GeneratedRegex(@"(?<!\$)\{([A-Za-z0-9._-]+)\+?\}")]
    private static partial Regex PathPlaceholder();

    [GeneratedRegex(@"\$\{stageVariables\.[A-Za-z0-9_]+\}")]
    private static partial Regex StageVariable();

    [GeneratedRegex(@"^integration\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.[^\s]+$")]
    private static partial Regex TargetPattern();

    [GeneratedRegex(@"^(method\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.[^\s]+|method\.request\.body(\.[^\s]+)?|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+|'[^']*')$")]
    private static partial Regex SourcePattern();
}
