using System.Text.Json;
using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;

namespace Lakegate.Core.Tests.Loading;

/// <summary>apiKeys, usagePlans and server.throttle: loading, validation with positions, and the schema.</summary>
public class TrafficConfigTests
{
    private const string Valid = """
        version: 1
        server:
          throttle: { rateLimit: 500, burstLimit: 100 }
        apis:
          - id: shop
            routes:
              - route: GET /items/{id}
                apiKeyRequired: true
                integration: { type: mock }
              - route: GET /
                integration: { type: mock }
            stages: [{ name: prod }, { name: test }]
        apiKeys:
          - name: alice
            value: alice-key-0123456789abcdef
            customerId: c-1
            description: Alice's app
          - name: bob
            valueFrom: env:LAKEGATE_TEST_BOB_KEY
            enabled: false
        usagePlans:
          - name: gold
            description: paying customers
            apiStages:
              - api: shop
                stage: prod
                throttle:
                  /items/{id}/GET: { rateLimit: 5, burstLimit: 2 }
                  //GET: { rateLimit: 1, burstLimit: 1 }
            throttle: { rateLimit: 100, burstLimit: 50 }
            quota: { limit: 10000, period: month, offset: 10 }
            keys: [alice, bob]
        """;

    static TrafficConfigTests() => Environment.SetEnvironmentVariable("LAKEGATE_TEST_BOB_KEY", "bob-key-from-environment-0001");

    [Fact]
    public void Load_Valid_BindsKeysPlansAndServerThrottle()
    {
        var result = DefinitionLoader.LoadText(Valid, "lakegate.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        var config = result.Config!;
        Assert.Equal(new ThrottleDefinition { RateLimit = 500, BurstLimit = 100 }, config.Server.Throttle with { Position = null });
        Assert.Equal(["alice", "bob"], config.ApiKeys.Select(k => k.Name));
        Assert.Equal("bob-key-from-environment-0001", config.ApiKeys[1].Value);
        Assert.False(config.ApiKeys[1].Enabled);
        Assert.Equal("c-1", config.ApiKeys[0].CustomerId);
        var plan = Assert.Single(config.UsagePlans);
        Assert.Equal(100, plan.Throttle!.RateLimit);
        Assert.Equal(50, plan.Throttle.BurstLimit);
        Assert.Equal(new QuotaDefinition { Limit = 10000, Period = QuotaPeriod.Month, Offset = 10 }, plan.Quota! with { Position = null });
        var stage = Assert.Single(plan.ApiStages);
        Assert.Equal(("shop", "prod"), (stage.ApiId, stage.Stage));
        Assert.Equal(2, stage.Throttle["/items/{id}/GET"].BurstLimit);
        Assert.Equal(["alice", "bob"], plan.Keys);
    }

    [Fact]
    public void Load_NoServerThrottle_DefaultsToAccountLimits()
    {
        var result = DefinitionLoader.LoadText("version: 1\napis: []\n", "lakegate.yaml");

        Assert.Equal(10_000, result.Config!.Server.Throttle.RateLimit);
        Assert.Equal(5_000, result.Config.Server.Throttle.BurstLimit);
    }

    [Theory]
    [InlineData("apiKeys:\n  - { name: k, value: 0123456789abcdefghij, colour: red }", "lakegate.yaml:7:45: apiKeys[0]: unknown key 'colour'")]
    [InlineData("apiKeys:\n  - { name: k }", "lakegate.yaml:7:5: apiKeys[0]: give exactly one of 'value' and 'valueFrom'")]
    [InlineData("apiKeys:\n  - { name: k, valueFrom: file:/etc/key }", "lakegate.yaml:7:27: apiKeys[0].valueFrom: expected env:VARIABLE")]
    [InlineData("apiKeys:\n  - { name: k, valueFrom: env:LAKEGATE_TEST_UNSET_VAR }", "lakegate.yaml:7:27: apiKeys[0].valueFrom: environment variable LAKEGATE_TEST_UNSET_VAR is not set")]
    [InlineData("apiKeys:\n  - { name: k, value: short }", "lakegate.yaml:7:5: api key k: the value must be 20 to 128 printable characters")]
    [InlineData("usagePlans:\n  - { name: p, quota: { limit: 5, period: YEAR } }", "lakegate.yaml:7:43: usagePlans[0].quota.period: expected DAY, WEEK or MONTH")]
    [InlineData("usagePlans:\n  - { name: p, quota: { limit: 5, period: DAY, offset: 6 } }", "lakegate.yaml:7:56: usagePlans[0].quota.offset: must be between 0 and the limit")]
    [InlineData("usagePlans:\n  - { name: p, throttle: { rateLimit: -1, burstLimit: 2 } }", "lakegate.yaml:7:39: usagePlans[0].throttle.rateLimit: must be a finite number ≥ 0")]
    [InlineData("usagePlans:\n  - { name: p, throttle: { rateLimit: 1 } }", "lakegate.yaml:7:26: usagePlans[0].throttle: missing required key 'burstLimit'")]
    [InlineData("usagePlans:\n  - { name: p, keys: [nobody] }", "lakegate.yaml:7:5: usage plan p: api key 'nobody' is not declared")]
    [InlineData("usagePlans:\n  - { name: p, apiStages: [{ api: nope, stage: prod }] }", "lakegate.yaml:7:28: usage plan p: api 'nope' is not declared")]
    [InlineData("usagePlans:\n  - { name: p, apiStages: [{ api: shop, stage: dev }] }", "lakegate.yaml:7:28: usage plan p: stage 'dev' is not declared by api 'shop'")]
    [InlineData("usagePlans:\n  - { name: p, apiStages: [{ api: shop, stage: prod, throttle: { /nope/GET: { rateLimit: 1, burstLimit: 1 } } }] }", "lakegate.yaml:7:66: usage plan p: api stage shop:prod: throttle '/nope/GET': api 'shop' has no route GET /nope")]
    [InlineData("usagePlans:\n  - { name: p, apiStages: [{ api: shop, stage: prod, throttle: { items: { rateLimit: 1, burstLimit: 1 } } }] }", "lakegate.yaml:7:66: usage plan p: api stage shop:prod: throttle 'items': expected /path/METHOD, for example /items/{id}/GET (root: //GET)")]
    public void Load_BadTraffic_ReportsPositionedError(string yaml, string expected)
    {
        var text = "version: 1\napis:\n  - id: shop\n    routes: [{ route: GET /items, integration: { type: mock } }]\n    stages: [{ name: prod }]\n" + yaml + "\n";

        var result = DefinitionLoader.LoadText(text, "lakegate.yaml");

        Assert.Contains(expected, result.Errors.Select(e => e.ToString()));
        Assert.Null(result.Config);
    }

    [Fact]
    public void Validate_KeyInTwoPlansForOneStage_IsAnError()
    {
        var text = Valid + "\n  - name: silver\n    apiStages: [{ api: shop, stage: prod }]\n    keys: [alice]\n";

        var result = DefinitionLoader.LoadText(text, "lakegate.yaml");

        Assert.Contains(result.Errors, e => e.Message == "usage plan silver: api key 'alice' is already in usage plan 'gold' for api stage shop:prod; a key may be in only one plan per api stage");
    }

    [Fact]
    public void Validate_DuplicateKeyValue_NamesKeysNotValues()
    {
        var text = "version: 1\napiKeys:\n  - { name: a, value: same-value-0123456789 }\n  - { name: b, value: same-value-0123456789 }\n";

        var result = DefinitionLoader.LoadText(text, "lakegate.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal("api key b: another key has the same value; values must be unique", error.Message);
        Assert.DoesNotContain("same-value", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ApiKeyRequiredWithAuthorizerSource_WarnsFailClosed()
    {
        var text = "version: 1\napis:\n  - id: a\n    apiKeySource: AUTHORIZER\n    routes: [{ route: GET /x, apiKeyRequired: true, integration: { type: mock } }]\n";

        var result = DefinitionLoader.LoadText(text, "lakegate.yaml");

        Assert.Contains(result.Warnings, w => w.Message.Contains("apiKeyRequired with apiKeySource AUTHORIZER", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ApiKeyRequiredOnHttpApi_WarnsItDoesNothing()
    {
        var text = "version: 1\napis:\n  - id: a\n    type: http\n    routes: [{ route: GET /x, apiKeyRequired: true, integration: { type: http_proxy, uri: http://127.0.0.1:9/ } }]\n";

        var result = DefinitionLoader.LoadText(text, "lakegate.yaml");

        Assert.Contains(result.Warnings, w => w.Message == "route GET /x: apiKeyRequired has no effect on HTTP APIs (API Gateway has no API keys there); the route serves without a key");
    }

    [Theory]
    [InlineData("/items/{id}/GET", "/items/{id}", "GET")]
    [InlineData("//GET", "/", "GET")]
    [InlineData("/a/b/*", "/a/b", "*")]
    [InlineData("/a/post", "/a", "POST")]
    public void TrySplitMethodKey_Valid(string key, string path, string method)
    {
        Assert.True(MethodThrottleKey.TrySplit(key, out var p, out var m));
        Assert.Equal((path, method), (p, m));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("/GET")]
    [InlineData("/a/FETCH")]
    [InlineData("a/GET")]
    public void TrySplitMethodKey_Invalid(string key) => Assert.False(MethodThrottleKey.TrySplit(key, out _, out _));

    public static TheoryData<string, string> SchemaObjects() => new()
    {
        { "$defs/apiKey", nameof(TrafficConfigReader.ApiKeyKeys) },
        { "$defs/usagePlan", nameof(TrafficConfigReader.UsagePlanKeys) },
        { "$defs/usagePlan/properties/apiStages/items", nameof(TrafficConfigReader.ApiStageKeys) },
        { "$defs/throttle", nameof(TrafficConfigReader.ThrottleKeys) },
        { "$defs/usagePlan/properties/quota", nameof(TrafficConfigReader.QuotaKeys) },
    };

    [Theory]
    [MemberData(nameof(SchemaObjects))]
    public void Schema_TrafficObject_MatchesReaderKeys(string pointer, string readerSet)
    {
        var node = LoadSchema();
        foreach (var part in pointer.Split('/'))
        {
            node = node.GetProperty(part);
        }

        var keys = (HashSet<string>)typeof(TrafficConfigReader).GetField(readerSet, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null)!;

        Assert.Equal(keys.Order(StringComparer.Ordinal), node.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.False, node.GetProperty("additionalProperties").ValueKind);
    }

    private const string StageRoutes = """
        version: 1
        apis:
          - id: shop
            routes:
              - route: GET /items/{id}
                integration: { type: mock }
              - route: GET /
                integration: { type: mock }
            stages:
              - name: prod
                methodSettings:

        """;

    [Fact]
    public void Load_StageMethodSettings_BindsStarStarPathAndAwsEscapedKeys()
    {
        var result = DefinitionLoader.LoadText(StageRoutes.TrimEnd() + """

                      "*/*": { throttlingRateLimit: 10, throttlingBurstLimit: 20 }
                      "~1items~1{id}/GET": { throttlingRateLimit: 2.5, throttlingBurstLimit: 3 }
                      //GET: { throttlingRateLimit: 1, throttlingBurstLimit: 1 }
            """, "lakegate.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        var settings = Assert.Single(result.Config!.Stages).MethodSettings;
        Assert.Equal(["*/*", "/items/{id}/GET", "//GET"], settings.Keys);
        Assert.Equal(2.5, settings["/items/{id}/GET"].RateLimit);
        Assert.Equal(20, settings["*/*"].BurstLimit);
    }

    [Theory]
    [InlineData("      /nope/GET: { throttlingRateLimit: 1, throttlingBurstLimit: 1 }", "lakegate.yaml:12:11: api shop: stage 'prod': methodSettings '/nope/GET': api 'shop' has no route GET /nope")]
    [InlineData("      /items/{id}/FETCH: { throttlingRateLimit: 1, throttlingBurstLimit: 1 }", "lakegate.yaml:12:11: api shop: stage 'prod': methodSettings '/items/{id}/FETCH': expected */* or /path/METHOD, for example /items/{id}/GET (root: //GET)")]
    [InlineData("      \"*/*\": { throttlingRateLimit: -1, throttlingBurstLimit: 1 }", "lakegate.yaml:12:41: apis[0].stages[0].methodSettings.*/*.throttlingRateLimit: must be a finite number ≥ 0")]
    [InlineData("      \"*/*\": { throttlingRateLimit: 1 }", "lakegate.yaml:12:18: apis[0].stages[0].methodSettings.*/*: missing required key 'throttlingBurstLimit'")]
    [InlineData("      \"*/*\": { throttlingRateLimit: 1, throttlingBurstLimit: 1, cachingEnabled: true }", "lakegate.yaml:12:69: apis[0].stages[0].methodSettings.*/*: unknown key 'cachingEnabled'")]
    public void Load_BadStageMethodSettings_ReportsPositionedError(string line, string expected)
    {
        var result = DefinitionLoader.LoadText(StageRoutes.TrimEnd() + "\n" + "    " + line, "lakegate.yaml");

        Assert.Contains(expected, result.Errors.Select(e => e.ToString()));
    }

    private static JsonElement LoadSchema()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lakegate.slnx")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "docs", "lakegate.schema.json")));
        return document.RootElement.Clone();
    }
}
