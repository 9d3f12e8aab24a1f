namespace Lakegate.Core.Routing;

/// <summary>A parsed resource path such as <c>/items/{id}/files/{proxy+}</c>.</summary>
public sealed class RouteTemplate
{
    private RouteTemplate(string text, IReadOnlyList<RouteSegment> segments)
    {
        Text = text;
        Segments = segments;
    }

    /// <summary>The template as declared, normalised to no trailing slash ("/" for the root).</summary>
    public string Text { get; }

    public IReadOnlyList<RouteSegment> Segments { get; }

    /// <summary>Parses a template; <paramref name="error"/> says what is wrong when it returns false.</summary>
    public static bool TryParse(string path, out RouteTemplate? template, out string? error)
    {
        template = null;
        error = null;
        if (string.IsNullOrEmpty(path) || path[0] != '/')
        {
            error = $"path '{path}' must start with '/'";
            return false;
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = new List<RouteSegment>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            if (!RouteSegment.TryParse(parts[i], out var segment))
            {
                error = $"path '{path}': segment '{parts[i]}' must be a literal, '{{name}}' or a last '{{name+}}'";
                return false;
            }

            if (segment.Kind == RouteSegmentKind.Greedy && i != parts.Length - 1)
            {
                error = $"path '{path}': greedy segment '{parts[i]}' must be the last one";
                return false;
            }

            segments.Add(segment);
        }

        template = new RouteTemplate("/" + string.Join('/', parts), segments);
        return true;
    }

    public static RouteTemplate Parse(string path) =>
        TryParse(path, out var template, out var error) ? template! : throw new FormatException(error);
}
