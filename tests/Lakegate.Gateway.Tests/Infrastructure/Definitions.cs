using Lakegate.Core.Definitions;

namespace Lakegate.Gateway.Tests.Infrastructure;

/// <summary>Short-hands for building definitions in tests.</summary>
public static class Definitions
{
    public static RouteDefinition Proxy(string routeKey, string uri, int timeoutMs = IntegrationDefinition.DefaultTimeoutInMillis,
        IReadOnlyDictionary<string, string>? requestParameters = null)
    {
        var (method, path) = Split(routeKey);
        return new RouteDefinition
        {
            Method = method,
            Path = path,
            Integration = new IntegrationDefinition
            {
                Type = IntegrationType.HttpProxy,
                Uri = uri,
                TimeoutInMillis = timeoutMs,
                RequestParameters = requestParameters ?? Empty.Strings,
            },
        };
    }

    public static RouteDefinition Route(string routeKey, IntegrationType type, string? uri = null)
    {
        var (method, path) = Split(routeKey);
        return new RouteDefinition { Method = method, Path = path, Integration = new IntegrationDefinition { Type = type, Uri = uri } };
    }

    public static LakegateConfig Config(ApiDefinition api, params StageDefinition[] stages) =>
        new() { Apis = [api], Stages = stages.Length > 0 ? stages : [new StageDefinition { ApiId = api.Id, Name = "prod" }] };

    public static StageDefinition Stage(string apiId, string name, IReadOnlyDictionary<string, string>? variables = null, CanaryDefinition? canary = null) =>
        new() { ApiId = apiId, Name = name, Variables = variables ?? Empty.Strings, Canary = canary };

    private static (string Method, string Path) Split(string routeKey)
    {
        if (routeKey == RouteDefinition.DefaultRoutePath)
        {
            return (RouteDefinition.AnyMethod, RouteDefinition.DefaultRoutePath);
        }

        var space = routeKey.IndexOf(' ');
        return (routeKey[..space], routeKey[(space + 1)..]);
    }
}
