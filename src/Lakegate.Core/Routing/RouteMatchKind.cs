namespace Lakegate.Core.Routing;

public enum RouteMatchKind
{
    /// <summary>A route serves this method and path.</summary>
    Matched,

    /// <summary>No resource matches the path.</summary>
    NoResource,

    /// <summary>A resource matches but defines neither the method nor ANY (REST: still 403).</summary>
    NoMethod,
}
