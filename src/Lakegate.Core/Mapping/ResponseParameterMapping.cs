namespace Lakegate.Core.Mapping;

/// <summary>
/// One <c>method.response.header.X: source</c> entry of an integration response. Sources:
/// <c>integration.response.header.Y</c>, <c>integration.response.multivalueheader.Y</c>,
/// <c>integration.response.body</c>, <c>integration.response.body.JSONPATH</c>,
/// <c>stageVariables.Y</c>, <c>context.Y</c> or a <c>'static'</c> value.
/// </summary>
public sealed record ResponseParameterMapping(string Header, ResponseSourceKind Kind, string Name)
{
    private const string DestinationPrefix = "method.response.header.";

    public static bool TryParse(string destination, string source, out ResponseParameterMapping? mapping, out string? error)
    {
        mapping = null;
        error = null;
        if (!destination.StartsWith(DestinationPrefix, StringComparison.Ordinal) || destination.Length == DestinationPrefix.Length)
        {
            error = $"'{destination}' is not method.response.header.NAME";
            return false;
        }

        var header = destination[DestinationPrefix.Length..];
        (ResponseSourceKind Kind, string Name)? parsed = source switch
        {
            _ when source.Length >= 2 && source[0] == '\'' && source[^1] == '\'' => (ResponseSourceKind.Static, source[1..^1]),
            "integration.response.body" => (ResponseSourceKind.Body, string.Empty),
            _ when source.StartsWith("integration.response.body.", StringComparison.Ordinal) => (ResponseSourceKind.BodyPath, source["integration.response.body.".Length..]),
            _ when source.StartsWith("integration.response.header.", StringComparison.Ordinal) => (ResponseSourceKind.Header, source["integration.response.header.".Length..]),
            _ when source.StartsWith("integration.response.multivalueheader.", StringComparison.Ordinal) => (ResponseSourceKind.MultiValueHeader, source["integration.response.multivalueheader.".Length..]),
            _ when source.StartsWith("stageVariables.", StringComparison.Ordinal) => (ResponseSourceKind.StageVariable, source["stageVariables.".Length..]),
            _ when source.StartsWith("context.", StringComparison.Ordinal) => (ResponseSourceKind.Context, source["context.".Length..]),
            _ => null,
        };

        if (parsed is not { } p || (p.Kind != ResponseSourceKind.Static && p.Kind != ResponseSourceKind.Body && p.Name.Length == 0))
        {
            error = $"'{source}' is not a response mapping source (integration.response.header|multivalueheader|body..., stageVariables.*, context.* or a 'quoted' value)";
            return false;
        }

        mapping = new ResponseParameterMapping(header, p.Kind, p.Name);
        return true;
    }
}
