using Lakegate.Core.Definitions;

namespace Lakegate.Gateway.Tests.Aws;

/// <summary>Short-hands for AWS integration routes in tests.</summary>
public static class AwsRoutes
{
    public static RouteDefinition Route(string routeKey, string uri, string? requestTemplate = null, string? httpMethod = "POST",
        IReadOnlyDictionary<string, string>? requestParameters = null, string? credentials = null, string? contentHandling = null,
        params IntegrationResponseDefinition[] responses)
    {
        var space = routeKey.IndexOf(' ');
        return new RouteDefinition
        {
            Method = routeKey[..space],
            Path = routeKey[(space + 1)..],
            Integration = new IntegrationDefinition
            {
                Type = IntegrationType.Aws,
                Uri = uri,
                HttpMethod = httpMethod,
                RequestTemplates = requestTemplate is null ? Empty.Strings : new Dictionary<string, string> { ["application/json"] = requestTemplate },
                RequestParameters = requestParameters ?? Empty.Strings,
                Credentials = credentials,
                ContentHandling = contentHandling,
                Responses = responses,
            },
        };
    }

    public static IntegrationResponseDefinition Response(string status, string? pattern = null, string? template = null,
        IReadOnlyDictionary<string, string>? parameters = null, string? contentHandling = null) => new()
    {
        StatusCode = status,
        SelectionPattern = pattern,
        ResponseTemplates = template is null ? Empty.Strings : new Dictionary<string, string> { ["application/json"] = template },
        ResponseParameters = parameters ?? Empty.Strings,
        ContentHandling = contentHandling,
    };

    public static LakegateConfig Config(string apiId, IReadOnlyList<RouteDefinition> routes, IReadOnlyList<string>? binaryMediaTypes = null) => new()
    {
        Apis = [new ApiDefinition { Id = apiId, Routes = routes, BinaryMediaTypes = binaryMediaTypes ?? [] }],
        Stages = [new StageDefinition { ApiId = apiId, Name = "v1" }],
    };
}
