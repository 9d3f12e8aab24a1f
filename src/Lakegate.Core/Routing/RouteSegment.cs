namespace Lakegate.Core.Routing;

/// <summary>One segment of a resource template: <c>items</c>, <c>{id}</c> or <c>{proxy+}</c>.</summary>
public readonly record struct RouteSegment(RouteSegmentKind Kind, string Value)
{
    /// <summary>Parses one template segment; returns false for malformed ones such as <c>a{b}</c> or <c>{}</c>.</summary>
    public static bool TryParse(string text, out RouteSegment segment)
    {
        segment = default;
        if (text.Length == 0)
        {
            return false;
        }

        if (text[0] == '{' && text[^1] == '}')
        {
            var name = text[1..^1];
            var greedy = name.EndsWith('+');
            if (greedy)
            {
                name = name[..^1];
            }

            if (name.Length == 0 || name.Contains('{') || name.Contains('}') || name.Contains('+'))
            {
                return false;
            }

            segment = new RouteSegment(greedy ? RouteSegmentKind.Greedy : RouteSegmentKind.Parameter, name);
            return true;
        }

        if (text.Contains('{') || text.Contains('}'))
        {
            return false;
        }

        segment = new RouteSegment(RouteSegmentKind.Literal, text);
        return true;
    }
}
