namespace Lakegate.Core.Routing;

/// <summary>
/// A compiled, immutable route table: a trie of path segments with literal children tried first,
/// then the parameter child, then the greedy child (literal &gt; <c>{param}</c> &gt; <c>{name+}</c>),
/// backtracking when a more specific branch dead-ends. Built once per deployment; matching
/// allocates only the parameter array of a hit.
/// </summary>
public sealed class RouteTable<T>
    where T : class
{
    private readonly Node _root;
    private readonly RouteTableMode _mode;
    private readonly T? _defaultRoute;

    private RouteTable(Node root, RouteTableMode mode, T? defaultRoute)
    {
        _root = root;
        _mode = mode;
        _defaultRoute = defaultRoute;
    }

    /// <summary>
    /// Builds a table. Paths must be valid templates (see <see cref="RouteTemplate"/>) or <c>$default</c>;
    /// duplicates and conflicting parameter names throw, as validation reports them before compiling.
    /// </summary>
    public static RouteTable<T> Build(IEnumerable<(string Method, string Path, T Value)> routes, RouteTableMode mode)
    {
        var root = new Node("/");
        T? defaultRoute = null;
        foreach (var (method, path, value) in routes)
        {
            if (path == "$default")
            {
                if (defaultRoute is not null)
                {
                    throw new InvalidOperationException("duplicate $default route");
                }

                defaultRoute = value;
                continue;
            }

            var template = RouteTemplate.Parse(path);
            var node = root;
            foreach (var segment in template.Segments)
            {
                node = node.Child(segment, template.Text);
            }

            node.Add(method.ToUpperInvariant(), value, template.Text);
        }

        return new RouteTable<T>(root, mode, defaultRoute);
    }

    /// <summary>Matches decoded path segments (see <see cref="RequestPath.TrySplit"/>) and a method.</summary>
    public RouteMatch<T> Match(string method, ReadOnlySpan<string> segments)
    {
        var captured = new string?[MaxDepth(segments.Length)];
        var found = Find(_root, segments, 0, method, captured, out var node);
        if (found)
        {
            var value = node!.Lookup(method);
            if (value is not null)
            {
                return new RouteMatch<T>(RouteMatchKind.Matched, value, node.ResourcePath, node.Capture(captured, segments));
            }
        }

        if (_mode == RouteTableMode.Http && _defaultRoute is not null)
        {
            return new RouteMatch<T>(RouteMatchKind.Matched, _defaultRoute, "$default", null);
        }

        return new RouteMatch<T>(found ? RouteMatchKind.NoMethod : RouteMatchKind.NoResource, null, null, null);
    }

    private static int MaxDepth(int length) => length + 1;

    private bool Find(Node node, ReadOnlySpan<string> segments, int index, string method, string?[] captured, out Node? result)
    {
        if (index == segments.Length)
        {
            if (node.HasMethods && (_mode == RouteTableMode.Rest || node.Lookup(method) is not null))
            {
                result = node;
                return true;
            }

            result = null;
            return false;
        }

        var segment = segments[index];
        if (node.Literals is not null && node.Literals.TryGetValue(segment, out var literal)
            && Find(literal, segments, index + 1, method, captured, out result))
        {
            return true;
        }

        // A path parameter never matches an empty segment.
        if (node.Parameter is not null && segment.Length > 0)
        {
            captured[index] = segment;
            if (Find(node.Parameter, segments, index + 1, method, captured, out result))
            {
                return true;
            }
        }

        if (node.Greedy is not null && (_mode == RouteTableMode.Rest || node.Greedy.Lookup(method) is not null))
        {
            result = node.Greedy;
            return true;
        }

        result = null;
        return false;
    }

    private sealed class Node(string resourcePath)
    {
        private Dictionary<string, T>? _methods;
        private T? _any;

        public Dictionary<string, Node>? Literals { get; private set; }

        public Node? Parameter { get; private set; }

        public Node? Greedy { get; private set; }

        /// <summary>Parameter name when this node is a parameter or greedy node.</summary>
        public string? ParameterName { get; private set; }

        public bool IsGreedy { get; private set; }

        public int Depth { get; private set; }

        public Node? Parent { get; private set; }

        public string ResourcePath { get; private set; } = resourcePath;

        public bool HasMethods => _methods is not null || _any is not null;

        public Node Child(RouteSegment segment, string fullPath)
        {
            switch (segment.Kind)
            {
                case RouteSegmentKind.Literal:
                    Literals ??= new Dictionary<string, Node>(StringComparer.Ordinal);
                    if (!Literals.TryGetValue(segment.Value, out var literal))
                    {
                        literal = new Node(fullPath) { Depth = Depth + 1, Parent = this };
                        Literals.Add(segment.Value, literal);
                    }

                    return literal;
                case RouteSegmentKind.Parameter:
                    if (Parameter is null)
                    {
                        Parameter = new Node(fullPath) { ParameterName = segment.Value, Depth = Depth + 1, Parent = this };
                    }
                    else if (Parameter.ParameterName != segment.Value)
                    {
                        throw new InvalidOperationException(
                            $"'{fullPath}': parameter '{{{segment.Value}}}' conflicts with sibling '{{{Parameter.ParameterName}}}'");
                    }

                    return Parameter;
                default:
                    if (Greedy is null)
                    {
                        Greedy = new Node(fullPath) { ParameterName = segment.Value, IsGreedy = true, Depth = Depth + 1, Parent = this };
                    }
                    else if (Greedy.ParameterName != segment.Value)
                    {
                        throw new InvalidOperationException(
                            $"'{fullPath}': parameter '{{{segment.Value}+}}' conflicts with sibling '{{{Greedy.ParameterName}+}}'");
                    }

                    return Greedy;
            }
        }

        public void Add(string method, T value, string path)
        {
            ResourcePath = path;
            if (method == "ANY")
            {
                if (_any is not null)
                {
                    throw new InvalidOperationException($"duplicate route ANY {path}");
                }

                _any = value;
                return;
            }

            _methods ??= new Dictionary<string, T>(StringComparer.Ordinal);
            if (!_methods.TryAdd(method, value))
            {
                throw new InvalidOperationException($"duplicate route {method} {path}");
            }
        }

        /// <summary>Explicit method first, then ANY.</summary>
        public T? Lookup(string method)
        {
            if (_methods is not null && _methods.TryGetValue(method, out var value))
            {
                return value;
            }

            return _any;
        }

        /// <summary>Collects parameter values by walking from this node up to the root.</summary>
        public KeyValuePair<string, string>[]? Capture(string?[] captured, ReadOnlySpan<string> segments)
        {
            var count = 0;
            for (var n = this; n is not null; n = n.Parent)
            {
                if (n.ParameterName is not null)
                {
                    count++;
                }
            }

            if (count == 0)
            {
                return null;
            }

            var result = new KeyValuePair<string, string>[count];
            var i = count - 1;
            for (var n = this; n is not null; n = n.Parent)
            {
                if (n.ParameterName is null)
                {
                    continue;
                }

                var index = n.Depth - 1;
                var value = n.IsGreedy ? string.Join('/', segments[index..].ToArray()) : captured[index]!;
                result[i--] = new KeyValuePair<string, string>(n.ParameterName, value);
            }

            return result;
        }
    }
}
