namespace Lakegate.Core.Mapping;

/// <summary>
/// One parsed <c>integration.request.X.NAME: source</c> entry of an integration's requestParameters.
/// Parsing happens at deploy time; the gateway only resolves sources per request.
/// </summary>
public sealed record ParameterMapping(
    ParameterLocation Destination,
    string DestinationName,
    MappingSourceKind SourceKind,
    ParameterLocation SourceLocation,
    string SourceName)
{
    private const string DestinationPrefix = "integration.request.";
    private const string MethodPrefix = "method.request.";

    public static bool TryParse(string destination, string source, out ParameterMapping? mapping, out string? error)
    {
        mapping = null;
        if (!TrySplitLocation(destination, DestinationPrefix, out var destLocation, out var destName))
        {
            error = $"'{destination}' is not integration.request.{{path|querystring|header|multivaluequerystring|multivalueheader}}.NAME";
            return false;
        }

        if (!TryParseSource(source, out var kind, out var location, out var name))
        {
            error = $"'{source}' is not a mapping source (method.request.*, stageVariables.*, context.* or a 'quoted' value)";
            return false;
        }

        mapping = new ParameterMapping(destLocation, destName, kind, location, name);
        error = null;
        return true;
    }

    private static bool TryParseSource(string source, out MappingSourceKind kind, out ParameterLocation location, out string name)
    {
        location = ParameterLocation.Path;
        name = string.Empty;
        kind = MappingSourceKind.Static;
        if (source.Length >= 2 && source[0] == '\'' && source[^1] == '\'')
        {
            name = source[1..^1];
            return true;
        }

        if (source == "method.request.body" || source.StartsWith("method.request.body.", StringComparison.Ordinal))
        {
            kind = MappingSourceKind.MethodRequestBody;
            name = source.Length > "method.request.body".Length ? source["method.request.body.".Length..] : string.Empty;
            return true;
        }

        if (TrySplitLocation(source, MethodPrefix, out location, out name))
        {
            kind = MappingSourceKind.MethodRequest;
            return true;
        }

        if (source.StartsWith("stageVariables.", StringComparison.Ordinal) && source.Length > "stageVariables.".Length)
        {
            kind = MappingSourceKind.StageVariable;
            name = source["stageVariables.".Length..];
            return true;
        }

        if (source.StartsWith("context.", StringComparison.Ordinal) && source.Length > "context.".Length)
        {
            kind = MappingSourceKind.Context;
            name = source["context.".Length..];
            return true;
        }

        return false;
    }

    private static bool TrySplitLocation(string text, string prefix, out ParameterLocation location, out string name)
    {
        location = ParameterLocation.Path;
        name = string.Empty;
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text[prefix.Length..];
        var dot = rest.IndexOf('.');
        if (dot <= 0 || dot == rest.Length - 1)
        {
            return false;
        }

        name = rest[(dot + 1)..];
        switch (rest[..dot])
        {
            case "path":
                location = ParameterLocation.Path;
                return true;
            case "querystring":
                location = ParameterLocation.QueryString;
                return true;
            case "header":
                location = ParameterLocation.Header;
                return true;
            case "multivaluequerystring":
                location = ParameterLocation.MultiValueQueryString;
                return true;
            case "multivalueheader":
                location = ParameterLocation.MultiValueHeader;
                return true;
            default:
                return false;
        }
    }
}
