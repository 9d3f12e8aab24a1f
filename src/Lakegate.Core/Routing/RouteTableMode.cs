namespace Lakegate.Core.Routing;

/// <summary>How a table picks between resources, as API Gateway REST and HTTP APIs differ.</summary>
public enum RouteTableMode
{
    /// <summary>
    /// REST: the most specific resource matching the path wins, then the method is looked up on it
    /// (explicit method over ANY); a missing method is not retried on less specific resources.
    /// </summary>
    Rest,

    /// <summary>
    /// HTTP APIs: the most specific route matching path AND method wins (greedy routes after exact
    /// ones); when none does, the <c>$default</c> route.
    /// </summary>
    Http,
}
