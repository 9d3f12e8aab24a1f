using System.Text.RegularExpressions;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// Route keys as API Gateway accepts them: path syntax, methods, duplicates, and the resource-tree
/// rule that one position may hold only one variable segment (AWS: "A sibling ({id}) of this
/// resource already has a variable path part -- only one is allowed").
/// </summary>
internal sealed partial class RouteValidator : IDefinitionValidator
{
    private static readonly HashSet<string> Methods = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY"];

    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        foreach (var api in config.Apis)
        {
            var seen = new HashSet<(string Method, string Path)>();
            var tree = new Segment();
            foreach (var route in api.Routes)
            {
                var label = $"api {api.Id}: route {route.Method} {route.Path}";
                if (!Methods.Contains(route.Method))
                {
                    diagnostics.Add(Diagnostic.Error(route.Position, $"{label}: unknown method '{route.Method}'; expected GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS or ANY"));
                }

                if (!seen.Add((route.Method, route.Path)))
                {
                    diagnostics.Add(Diagnostic.Error(route.Position, $"{label} is declared more than once"));
                }

                if (route.Path == RouteDefinition.DefaultRoutePath)
                {
                    if (api.Kind != ApiKind.Http)
                    {
                        diagnostics.Add(Diagnostic.Error(route.Position, $"{label}: the $default route exists only in HTTP APIs (type: http)"));
                    }

                    continue;
                }

                if (CheckPath(route.Path, label, route.Position, diagnostics))
                {
                    AddToTree(tree, route, label, api.Kind, diagnostics);
                }
            }
        }
    }

    /// <summary>True when the path is well formed, so the tree check can trust its segments.</summary>
    internal static bool CheckPath(string path, string label, SourcePosition? position, ICollection<Diagnostic> diagnostics)
    {
        if (!path.StartsWith('/'))
        {
            diagnostics.Add(Diagnostic.Error(position, $"{label}: path must start with '/'"));
            return false;
        }

        if (path == "/")
        {
            return true;
        }

        var ok = true;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var segments = path[1..].Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0)
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: empty path segment (no '//' and no trailing '/')"));
                ok = false;
                continue;
            }

            var match = Parameter().Match(segment);
            if (match.Success)
            {
                var greedy = match.Groups[2].Success;
                if (greedy && i != segments.Length - 1)
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: greedy parameter '{segment}' must be the last segment"));
                    ok = false;
                }

                if (!names.Add(match.Groups[1].Value))
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: path parameter '{match.Groups[1].Value}' appears twice"));
                    ok = false;
                }

                continue;
            }

            if (segment.Contains('{', StringComparison.Ordinal) || segment.Contains('}', StringComparison.Ordinal))
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: segment '{segment}': a path parameter must be a whole segment, like {{name}} or {{name+}}"));
                ok = false;
            }
            else if (!Literal().IsMatch(segment))
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: segment '{segment}' has characters not allowed in a path (letters, digits and ._-,:~@!$&'()*+;=% are)"));
                ok = false;
            }
        }

        return ok;
    }

    private static void AddToTree(Segment root, RouteDefinition route, string label, ApiKind kind, ICollection<Diagnostic> diagnostics)
    {
        if (route.Path == "/")
        {
            return;
        }

        var node = root;
        foreach (var segment in route.Path[1..].Split('/'))
        {
            // HTTP APIs match route keys method-aware and try greedy routes after exact ones, so
            // `/items/{id}` beside `/items/{proxy+}` is legal there; REST resources are a tree where
            // one position holds one variable part.
            var greedy = segment.EndsWith("+}", StringComparison.Ordinal);
            if (kind == ApiKind.Http && greedy)
            {
                node = node.Children.TryGetValue(segment, out var greedyChild) ? greedyChild : node.Children[segment] = new Segment();
                continue;
            }

            if (segment.StartsWith('{'))
            {
                if (node.Variable is { } existing && existing != segment)
                {
                    diagnostics.Add(Diagnostic.Error(route.Position, $"{label}: '{segment}' conflicts with sibling '{existing}' declared by route {node.VariableOwner}; only one path parameter is allowed at one position"));
                    return;
                }

                node.Variable ??= segment;
                node.VariableOwner ??= route.RouteKey;
            }

            node = node.Children.TryGetValue(segment, out var child) ? child : node.Children[segment] = new Segment();
        }
    }

    [GeneratedRegex(@"^\{([A-Za-z0-9._-]+)(\+)?\}$")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"^[A-Za-z0-9._\-,:~@!$&'()*+;=%]+$")]
    private static partial Regex Literal();

    private sealed class Segment
    {
        public Dictionary<string, Segment> Children { get; } = new(StringComparer.Ordinal);

        public string? Variable { get; set; }

        public string? VariableOwner { get; set; }
    }
}
