using Lakegate.Core.Definitions;
using Lakegate.Core.Mapping;
using Lakegate.Core.Routing;
using Lakegate.Core.Vtl.ApiGateway;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Integrations.Mapping;

/// <summary>
/// Fills the <c>{name}</c> placeholders of an HTTP integration URI, for HTTP_PROXY and HTTP alike:
/// an <c>integration.request.path.name</c> mapping wins, else the same-named route parameter. Values
/// are percent-encoded so none can add segments or dot segments at the backend; the greedy
/// parameter is re-encoded segment by segment from the request path, so slashes between segments
/// stay and a decoded <c>%2F</c> inside a segment is encoded again.
/// </summary>
public sealed class PathPlaceholders
{
    private readonly ParameterMapping[] _pathMappings;
    private readonly string? _greedyName;
    private readonly int _greedyIndex;

    private PathPlaceholders(ParameterMapping[] pathMappings, string? greedyName, int greedyIndex)
    {
        _pathMappings = pathMappings;
        _greedyName = greedyName;
        _greedyIndex = greedyIndex;
    }

    /// <summary>Compiled once per route: the path mappings and where the greedy parameter (always last) starts.</summary>
    public static PathPlaceholders Compile(RouteDefinition route, IEnumerable<ParameterMapping> mappings)
    {
        string? greedyName = null;
        var greedyIndex = -1;
        if (route.Path != RouteDefinition.DefaultRoutePath && RouteTemplate.TryParse(route.Path, out var template, out _)
            && template!.Segments.Count > 0 && template.Segments[^1].Kind == RouteSegmentKind.Greedy)
        {
            greedyName = template.Segments[^1].Value;
            greedyIndex = template.Segments.Count - 1;
        }

        return new PathPlaceholders([.. mappings.Where(m => m.Destination == ParameterLocation.Path)], greedyName, greedyIndex);
    }

    /// <summary>The encoded value for placeholder <paramref name="name"/>, or null when there is none.</summary>
    public string? Encode(GatewayContext context, string name, ApiGatewayRequest? request = null)
    {
        var source = name;
        foreach (var mapping in _pathMappings)
        {
            if (mapping.DestinationName != name)
            {
                continue;
            }

            if (mapping.SourceKind != MappingSourceKind.MethodRequest || mapping.SourceLocation != ParameterLocation.Path)
            {
                var value = MappingSources.Resolve(context, mapping, request);
                return value is null ? null : UriTemplate.EncodePathValue(value, keepSlashes: false);
            }

            source = mapping.SourceName;
            break;
        }

        if (_greedyName is not null && _greedyName == source)
        {
            var segments = context.PathSegments;
            return _greedyIndex >= segments.Length
                ? null
                : string.Join('/', segments[_greedyIndex..].Select(s => UriTemplate.EncodePathValue(s, keepSlashes: false)));
        }

        var parameter = context.PathParameter(source);
        return parameter is null ? null : UriTemplate.EncodePathValue(parameter, keepSlashes: false);
    }
}
