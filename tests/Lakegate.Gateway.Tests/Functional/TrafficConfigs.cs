using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;

namespace Lakegate.Gateway.Tests.Functional;

/// <summary>lakegate.yaml texts for the traffic tests, loaded (and validated) as users' files are.</summary>
internal static class TrafficConfigs
{
    public static LakegateConfig Load(string yaml)
    {
        var result = DefinitionLoader.LoadText(yaml, "lakegate.yaml");
        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        return result.Config!;
    }

    /// <summary>A MOCK route answering 200 with the key id it was called with.</summary>
    public static string MockRoute(string routeKey, bool apiKeyRequired) => $$"""
              - route: {{routeKey}}
                apiKeyRequired: {{(apiKeyRequired ? "true" : "false")}}
                integration:
                  type: mock
                  requestTemplates: { application/json: '{"statusCode": 200}' }
                  responses:
                    - statusCode: 200
                      responseTemplates: { application/json: '{"keyId":"$!context.identity.apiKeyId","key":"$!context.identity.apiKey"}' }
        """;
}
