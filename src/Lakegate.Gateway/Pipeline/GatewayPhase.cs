namespace Lakegate.Gateway.Pipeline;

/// <summary>
/// The fixed order of a route's chain (DESIGN.md §2). The order is written here and only here:
/// the chain compiler sorts step factories by this value.
/// </summary>
public enum GatewayPhase
{
    Waf = 100,
    ResourcePolicy = 200,
    Authenticate = 300,
    Authorize = 400,
    ApiKey = 500,
    Throttle = 600,
    Validate = 700,
    Cache = 800,
    Integrate = 900,
}
