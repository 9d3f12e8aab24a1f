namespace Lakegate.Core.Routing;

public enum RouteSegmentKind
{
    Literal,
    Parameter,
    Greedy,
}
