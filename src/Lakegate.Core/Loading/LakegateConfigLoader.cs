using System.Text.Json;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// Binds a parsed lakegate.yaml to <see cref="LakegateConfig"/>. Strict on purpose: unknown keys
/// and wrong types are errors with their position (only <c>integration</c> keeps unknown keys, as
/// <see cref="IntegrationDefinition.Extras"/>, because data integrations carry their own options).
/// Never throws for bad input; every problem is added to the diagnostics.
/// </summary>
public static class LakegateConfigLoader
{
    internal static readonly HashSet<string> RootKeys = ["version", "server", "apis", "domains", "apiKeys", "usagePlans", "functions", "aws", "datasets", "sql"];
    internal static readonly HashSet<string> ServerKeys = ["accessLog", "limits", "throttle"];
    internal static readonly HashSet<string> LimitKeys = ["maxRequestBodyBytes", "maxRequestHeaderBytes", "maxRequestHeaderCount", "requestTimeoutSeconds"];
    internal static readonly HashSet<string> ApiKeys =
    [
        "id", "name", "description", "type", "openapi", "binaryMediaTypes", "apiKeySource", "minimumCompressionSize",
        "disableExecuteApiEndpoint", "endpointConfiguration", "cors", "policy", "models", "requestValidators", "requestValidator",
        "authorizers", "gatewayResponses", "extensions", "routes", "stages",
    ];

    internal static readonly HashSet<string> GatewayResponseKeys = ["statusCode", "responseParameters", "responseTemplates"];
    internal static readonly HashSet<string> ValidatorKeys = ["validateRequestBody", "validateRequestParameters"];
    internal static readonly HashSet<string> RouteKeys =
    [
        "route", "operationName", "apiKeyRequired", "authorizationType", "authorizer", "authorizationScopes", "requestValidator",
        "requestParameters", "requestModels", "extensions", "integration",
    ];

    internal static readonly HashSet<string> IntegrationKeys =
    [
        "type", "uri", "httpMethod", "timeoutInMillis", "requestParameters", "requestTemplates", "passthroughBehavior", "contentHandling",
        "credentials", "connectionType", "connectionId", "cacheNamespace", "cacheKeyParameters", "payloadFormatVersion",
        "tlsInsecureSkipVerification", "responses",
    ];

    internal static readonly HashSet<string> ResponseKeys = ["selectionPattern", "statusCode", "responseParameters", "responseTemplates", "contentHandling"];
    internal static readonly HashSet<string> StageKeys = ["name", "description", "variables", "canary", "methodSettings"];
    internal static readonly HashSet<string> CanaryKeys = ["percentTraffic", "stageVariableOverrides"];
    internal static readonly HashSet<string> DomainKeys = ["name", "mappings"];
    internal static readonly HashSet<string> MappingKeys = ["basePath", "api", "stage"];
    internal static readonly HashSet<string> FunctionKeys =
    [
        "name", "command", "handler", "workingDirectory", "environment", "timeoutSeconds", "memoryMb", "maxConcurrency", "minWarm", "url",
    ];

    internal static readonly HashSet<string> DatasetKeys = DatasetConfigReader.DatasetKeys;
    internal static readonly HashSet<string> DatasetCsvKeys = DatasetConfigReader.CsvKeys;
    internal static readonly HashSet<string> DatasetS3Keys = DatasetConfigReader.S3Keys;
    internal static readonly HashSet<string> SqlKeys = SqlConfigReader.SqlKeys;
    internal static readonly HashSet<string> SqlConnectionKeys = SqlConfigReader.ConnectionKeys;
    internal static readonly HashSet<string> SqlQueryKeys = SqlConfigReader.QueryKeys;
    internal static readonly HashSet<string> SqlParameterKeys = SqlConfigReader.ParameterKeys;

    /// <summary>
    /// Binds <paramref name="root"/>. Returns null only when the document is not a mapping; otherwise a
    /// best-effort config, which callers must discard when <paramref name="diagnostics"/> holds errors.
    /// </summary>
    public static LakegateConfig? Load(SourceNode root, string fileName, ICollection<Diagnostic> diagnostics, bool allowFileReferences = true)
    {
        var r = new NodeReader(diagnostics);
        if (root is not SourceMap map)
        {
            r.Error(root.Position, string.Empty, "expected a mapping with 'version' and 'apis'");
            return null;
        }

        r.RejectUnknownKeys(map, string.Empty, RootKeys);
        if (r.Required(map, "version", string.Empty) is { } versionNode && r.Int(versionNode, "version") is { } version && version != 1)
        {
            r.Error(versionNode.Position, "version", $"unsupported version {version}; this build reads version 1");
        }

        var apis = new List<ApiDefinition>();
        var stages = new List<StageDefinition>();
        if (r.Sequence(map["apis"], "apis") is { } apiList)
        {
            for (var i = 0; i < apiList.Items.Count; i++)
            {
                ReadApi(r, apiList.Items[i], NodeReader.Index("apis", i), fileName, allowFileReferences, apis, stages);
            }
        }

        var domains = new List<DomainDefinition>();
        if (r.Sequence(map["domains"], "domains") is { } domainList)
        {
            for (var i = 0; i < domainList.Items.Count; i++)
            {
                if (ReadDomain(r, domainList.Items[i], NodeReader.Index("domains", i)) is { } domain)
                {
                    domains.Add(domain);
                }
            }
        }

        var functions = new List<FunctionDefinition>();
        if (r.Sequence(map["functions"], "functions") is { } functionList)
        {
            for (var i = 0; i < functionList.Items.Count; i++)
            {
                if (ReadFunction(r, functionList.Items[i], NodeReader.Index("functions", i), fileName) is { } function)
                {
                    functions.Add(function);
                }
            }
        }

        return new LakegateConfig
        {
            SourceFile = fileName,
            Server = ReadServer(r, map["server"]),
            Apis = apis,
            Stages = stages,
            Domains = domains,
            ApiKeys = TrafficConfigReader.ReadApiKeys(r, map["apiKeys"]),
            UsagePlans = TrafficConfigReader.ReadUsagePlans(r, map["usagePlans"]),
            Functions = functions,
            Aws = AwsConfigReader.Read(r, map["aws"]),
            Datasets = DatasetConfigReader.Read(r, map["datasets"], fileName, allowFileReferences),
            Sql = SqlConfigReader.Read(r, map["sql"], allowFileReferences),
        };
    }

    private static ServerDefinition ReadServer(NodeReader r, SourceNode? node)
    {
        var server = new ServerDefinition();
        if (r.Map(node, "server") is not { } map)
        {
            return server;
        }

        r.RejectUnknownKeys(map, "server", ServerKeys);
        var limits = server.Limits;
        if (r.Map(map["limits"], "server.limits") is { } l)
        {
            r.RejectUnknownKeys(l, "server.limits", LimitKeys);
            limits = new ServerLimitsDefinition
            {
                MaxRequestBodyBytes = r.Long(l["maxRequestBodyBytes"], "server.limits.maxRequestBodyBytes") ?? limits.MaxRequestBodyBytes,
                MaxRequestHeaderBytes = r.Int(l["maxRequestHeaderBytes"], "server.limits.maxRequestHeaderBytes") ?? limits.MaxRequestHeaderBytes,
                MaxRequestHeaderCount = r.Int(l["maxRequestHeaderCount"], "server.limits.maxRequestHeaderCount") ?? limits.MaxRequestHeaderCount,
                RequestTimeoutSeconds = r.Int(l["requestTimeoutSeconds"], "server.limits.requestTimeoutSeconds") ?? limits.RequestTimeoutSeconds,
            };
            CheckNonNegative(r, l, "server.limits");
        }

        return server with
        {
            AccessLog = r.Bool(map["accessLog"], "server.accessLog") ?? server.AccessLog,
            Limits = limits,
            Throttle = TrafficConfigReader.ReadThrottle(r, map["throttle"], "server.throttle") ?? server.Throttle,
        };
    }

    private static void CheckNonNegative(NodeReader r, SourceMap limits, string path)
    {
        foreach (var entry in limits.Entries)
        {
            if (entry.Value is SourceScalar scalar && scalar.TryGetInt64(out var value) && value < 0)
            {
                r.Error(entry.Value.Position, NodeReader.Child(path, entry.Key), "must not be negative");
            }
        }
    }

    private static void ReadApi(NodeReader r, SourceNode node, string path, string fileName, bool allowFileReferences, List<ApiDefinition> apis, List<StageDefinition> stages)
    {
        if (r.Map(node, path) is not { } map)
        {
            if (NodeReader.IsAbsent(node))
            {
                r.Error(node.Position, path, "expected a mapping");
            }

            return;
        }

        r.RejectUnknownKeys(map, path, ApiKeys);
        var id = r.String(r.Required(map, "id", path), NodeReader.Child(path, "id"));
        var kind = ReadKind(r, map["type"], NodeReader.Child(path, "type"));

        // An imported OpenAPI file is the base; what this file says wins, and its routes are added after the imported ones.
        ApiDefinition? imported = null;
        StageDefinition? importedStage = null;
        var openApiPath = r.String(map["openapi"], NodeReader.Child(path, "openapi"));
        if (openApiPath is not null && !allowFileReferences)
        {
            // Definitions that arrive over the network must not make the server read its own files.
            r.Error(map["openapi"]!.Position, NodeReader.Child(path, "openapi"), "file references are not allowed in definitions sent to the admin API; inline the routes");
        }
        else if (openApiPath is not null)
        {
            var resolved = Path.IsPathRooted(openApiPath) ? openApiPath : Path.Combine(Path.GetDirectoryName(fileName) ?? string.Empty, openApiPath);
            var referencedFrom = map["openapi"]!.Position;
            if (SourceFiles.Read(resolved, referencedFrom, r.Diagnostics) is { } openApiRoot
                && OpenApiImporter.Import(openApiRoot, resolved, new LoadOptions { ApiId = id }, r.Diagnostics) is { } importedConfig)
            {
                imported = importedConfig.Apis[0];
                importedStage = importedConfig.Stages.Count > 0 ? importedConfig.Stages[0] : null;
            }
        }

        var api = imported ?? new ApiDefinition { Id = id ?? string.Empty };
        kind ??= imported?.Kind ?? ApiKind.Rest;
        ReadAuthorizers(r, map["authorizers"], NodeReader.Child(path, "authorizers"), kind.Value);

        var routes = new List<RouteDefinition>(api.Routes);
        if (r.Sequence(map["routes"], NodeReader.Child(path, "routes")) is { } routeList)
        {
            for (var i = 0; i < routeList.Items.Count; i++)
            {
                if (ReadRoute(r, routeList.Items[i], NodeReader.Index(NodeReader.Child(path, "routes"), i)) is { } route)
                {
                    routes.Add(route);
                }
            }
        }

        api = api with
        {
            Id = id ?? api.Id,
            Kind = kind.Value,
            Name = r.String(map["name"], NodeReader.Child(path, "name")) ?? api.Name,
            Description = r.String(map["description"], NodeReader.Child(path, "description")) ?? api.Description,
            BinaryMediaTypes = r.StringList(map["binaryMediaTypes"], NodeReader.Child(path, "binaryMediaTypes")) ?? api.BinaryMediaTypes,
            ApiKeySource = ReadApiKeySource(r, map["apiKeySource"], NodeReader.Child(path, "apiKeySource")) ?? api.ApiKeySource,
            MinimumCompressionSize = r.Int(map["minimumCompressionSize"], NodeReader.Child(path, "minimumCompressionSize")) ?? api.MinimumCompressionSize,
            DisableExecuteApiEndpoint = r.Bool(map["disableExecuteApiEndpoint"], NodeReader.Child(path, "disableExecuteApiEndpoint")) ?? api.DisableExecuteApiEndpoint,
            EndpointConfiguration = NodeReader.Json(map["endpointConfiguration"]) ?? api.EndpointConfiguration,
            Cors = NodeReader.Json(map["cors"]) ?? api.Cors,
            Policy = NodeReader.Json(map["policy"]) ?? api.Policy,
            PolicyPosition = map["policy"]?.Position ?? api.PolicyPosition,
            Models = Merge(api.Models, r.JsonMap(map["models"], NodeReader.Child(path, "models"))),
            Authorizers = Merge(api.Authorizers, r.JsonMap(map["authorizers"], NodeReader.Child(path, "authorizers"))),
            Extensions = Merge(api.Extensions, r.JsonMap(map["extensions"], NodeReader.Child(path, "extensions"))),
            RequestValidators = Merge(api.RequestValidators, ReadValidators(r, map["requestValidators"], NodeReader.Child(path, "requestValidators"))),
            DefaultRequestValidator = r.String(map["requestValidator"], NodeReader.Child(path, "requestValidator")) ?? api.DefaultRequestValidator,
            GatewayResponses = Merge(api.GatewayResponses, ReadGatewayResponses(r, map["gatewayResponses"], NodeReader.Child(path, "gatewayResponses"))),
            Routes = routes,
            Position = map.Position,
        };
        var ownStages = new List<StageDefinition>();
        if (r.Sequence(map["stages"], NodeReader.Child(path, "stages")) is { } stageList)
        {
            for (var i = 0; i < stageList.Items.Count; i++)
            {
                if (ReadStage(r, stageList.Items[i], NodeReader.Index(NodeReader.Child(path, "stages"), i), api.Id) is { } stage)
                {
                    ownStages.Add(stage);
                }
            }
        }

        // An imported API with no stages listed here still gets the importer's default stage, so it can be invoked.
        if (ownStages.Count == 0 && importedStage is not null)
        {
            ownStages.Add(importedStage with { ApiId = api.Id });
        }

        // Without an id the api cannot be referenced; "missing required key 'id'" has been reported already,
        // and adding it would only repeat that as an invalid-id error.
        if (id is not null)
        {
            apis.Add(api);
            stages.AddRange(ownStages);
        }
    }

    /// <summary>Checks each authorizer where it is written (file:line:col); the api keeps the verbatim JSON.</summary>
    private static void ReadAuthorizers(NodeReader r, SourceNode? node, string path, ApiKind kind)
    {
        if (node is not SourceMap map)
        {
            return;
        }

        foreach (var entry in map.Entries)
        {
            AuthorizerReader.Read(r, entry.Key, entry.Value, NodeReader.Child(path, entry.Key), kind);
        }
    }

    private static ApiKind? ReadKind(NodeReader r, SourceNode? node, string path)
    {
        switch (r.String(node, path)?.ToLowerInvariant())
        {
            case null:
                return null;
            case "rest":
                return ApiKind.Rest;
            case "http":
                return ApiKind.Http;
            default:
                r.Error(node!.Position, path, "expected rest or http");
                return null;
        }
    }

    private static string? ReadApiKeySource(NodeReader r, SourceNode? node, string path)
    {
        var value = r.String(node, path);
        if (value is null)
        {
            return null;
        }

        var upper = value.ToUpperInvariant();
        if (upper is "HEADER" or "AUTHORIZER")
        {
            return upper;
        }

        r.Error(node!.Position, path, "expected HEADER or AUTHORIZER");
        return null;
    }

    private static IReadOnlyDictionary<string, T> Merge<T>(IReadOnlyDictionary<string, T> existing, IReadOnlyDictionary<string, T>? added)
    {
        if (added is null || added.Count == 0)
        {
            return existing;
        }

        var merged = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (key, value) in existing)
        {
            merged[key] = value;
        }

        foreach (var (key, value) in added)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static Dictionary<string, RequestValidatorDefinition>? ReadValidators(NodeReader r, SourceNode? node, string path)
    {
        if (r.Map(node, path) is not { } map)
        {
            return null;
        }

        var result = new Dictionary<string, RequestValidatorDefinition>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            var entryPath = NodeReader.Child(path, entry.Key);
            if (r.Map(entry.Value, entryPath) is { } v)
            {
                r.RejectUnknownKeys(v, entryPath, ValidatorKeys);
                result[entry.Key] = new RequestValidatorDefinition
                {
                    ValidateRequestBody = r.Bool(v["validateRequestBody"], NodeReader.Child(entryPath, "validateRequestBody")) ?? false,
                    ValidateRequestParameters = r.Bool(v["validateRequestParameters"], NodeReader.Child(entryPath, "validateRequestParameters")) ?? false,
                };
            }
            else
            {
                result[entry.Key] = new RequestValidatorDefinition();
            }
        }

        return result;
    }

    private static Dictionary<string, GatewayResponseDefinition>? ReadGatewayResponses(NodeReader r, SourceNode? node, string path)
    {
        if (r.Map(node, path) is not { } map)
        {
            return null;
        }

        var result = new Dictionary<string, GatewayResponseDefinition>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            var entryPath = NodeReader.Child(path, entry.Key);
            var g = r.Map(entry.Value, entryPath);
            if (g is not null)
            {
                r.RejectUnknownKeys(g, entryPath, GatewayResponseKeys);
            }

            result[entry.Key] = new GatewayResponseDefinition
            {
                StatusCode = r.Int(g?["statusCode"], NodeReader.Child(entryPath, "statusCode"), allowQuoted: true),
                ResponseParameters = r.StringMap(g?["responseParameters"], NodeReader.Child(entryPath, "responseParameters")) ?? Empty.Strings,
                ResponseTemplates = r.StringMap(g?["responseTemplates"], NodeReader.Child(entryPath, "responseTemplates")) ?? Empty.Strings,
                Position = entry.KeyPosition,
            };
        }

        return result;
    }

    private static RouteDefinition? ReadRoute(NodeReader r, SourceNode node, string path)
    {
        if (node is not SourceMap map)
        {
            r.Error(node.Position, path, "expected a mapping with 'route' and 'integration'");
            return null;
        }

        r.RejectUnknownKeys(map, path, RouteKeys);
        var routeNode = r.Required(map, "route", path);
        var routeKey = r.String(routeNode, NodeReader.Child(path, "route"));
        var integration = r.Required(map, "integration", path) is { } integrationNode
            ? ReadIntegration(r, integrationNode, NodeReader.Child(path, "integration"))
            : null;

        string? method = null;
        string? routePath = null;
        if (routeKey is not null)
        {
            var trimmed = routeKey.Trim();
            if (trimmed == RouteDefinition.DefaultRoutePath)
            {
                method = RouteDefinition.AnyMethod;
                routePath = RouteDefinition.DefaultRoutePath;
            }
            else
            {
                var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
                if (space <= 0)
                {
                    r.Error(routeNode!.Position, NodeReader.Child(path, "route"), "expected \"METHOD /path\" (for example \"GET /items/{id}\") or \"$default\"");
                }
                else
                {
                    method = trimmed[..space].ToUpperInvariant();
                    routePath = trimmed[(space + 1)..].Trim();
                }
            }
        }

        if (method is null || routePath is null || integration is null)
        {
            return null;
        }

        return new RouteDefinition
        {
            Method = method,
            Path = routePath,
            Integration = integration,
            OperationName = r.String(map["operationName"], NodeReader.Child(path, "operationName")),
            ApiKeyRequired = r.Bool(map["apiKeyRequired"], NodeReader.Child(path, "apiKeyRequired")) ?? false,
            AuthorizationType = r.String(map["authorizationType"], NodeReader.Child(path, "authorizationType"))?.ToUpperInvariant() ?? "NONE",
            AuthorizerId = r.String(map["authorizer"], NodeReader.Child(path, "authorizer")),
            AuthorizationScopes = r.StringList(map["authorizationScopes"], NodeReader.Child(path, "authorizationScopes")) ?? [],
            RequestValidator = r.String(map["requestValidator"], NodeReader.Child(path, "requestValidator")),
            RequestParameters = r.BoolMap(map["requestParameters"], NodeReader.Child(path, "requestParameters")) ?? new Dictionary<string, bool>(),
            RequestModels = r.StringMap(map["requestModels"], NodeReader.Child(path, "requestModels")) ?? Empty.Strings,
            Extensions = r.JsonMap(map["extensions"], NodeReader.Child(path, "extensions")) ?? Empty.Json,
            Position = routeNode?.Position ?? map.Position,
        };
    }

    private static IntegrationDefinition? ReadIntegration(NodeReader r, SourceNode node, string path)
    {
        if (r.Map(node, path) is not { } map)
        {
            return null;
        }

        var typeNode = r.Required(map, "type", path);
        var typeText = r.String(typeNode, NodeReader.Child(path, "type"));
        IntegrationType? type = null;
        if (typeText is not null)
        {
            if (IntegrationTypeNames.TryParse(typeText, out var parsed))
            {
                type = parsed;
            }
            else
            {
                r.Error(typeNode!.Position, NodeReader.Child(path, "type"), $"unknown integration type '{typeText}'; expected {IntegrationTypeNames.Expected}");
            }
        }

        // Keys this build does not model (dataset:, sql:, function:, integrationSubtype, ...) are kept, not rejected.
        var extras = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            if (!IntegrationKeys.Contains(entry.Key))
            {
                extras[entry.Key] = SourceJson.ToJsonElement(entry.Value);
            }
        }

        var responses = new List<IntegrationResponseDefinition>();
        if (r.Sequence(map["responses"], NodeReader.Child(path, "responses")) is { } responseList)
        {
            for (var i = 0; i < responseList.Items.Count; i++)
            {
                var responsePath = NodeReader.Index(NodeReader.Child(path, "responses"), i);
                if (r.Map(responseList.Items[i], responsePath) is not { } response)
                {
                    continue;
                }

                r.RejectUnknownKeys(response, responsePath, ResponseKeys);
                var statusCode = r.String(r.Required(response, "statusCode", responsePath), NodeReader.Child(responsePath, "statusCode"));
                if (statusCode is null)
                {
                    continue;
                }

                responses.Add(new IntegrationResponseDefinition
                {
                    SelectionPattern = r.String(response["selectionPattern"], NodeReader.Child(responsePath, "selectionPattern")),
                    StatusCode = statusCode,
                    ResponseParameters = r.StringMap(response["responseParameters"], NodeReader.Child(responsePath, "responseParameters")) ?? Empty.Strings,
                    ResponseTemplates = r.StringMap(response["responseTemplates"], NodeReader.Child(responsePath, "responseTemplates")) ?? Empty.Strings,
                    ContentHandling = r.String(response["contentHandling"], NodeReader.Child(responsePath, "contentHandling")),
                    Position = response.Position,
                });
            }
        }

        var integration = new IntegrationDefinition
        {
            Type = type ?? IntegrationType.HttpProxy,
            Uri = r.String(map["uri"], NodeReader.Child(path, "uri")),
            HttpMethod = r.String(map["httpMethod"], NodeReader.Child(path, "httpMethod"))?.ToUpperInvariant(),
            TimeoutInMillis = r.Int(map["timeoutInMillis"], NodeReader.Child(path, "timeoutInMillis")) ?? IntegrationDefinition.DefaultTimeoutInMillis,
            RequestParameters = r.StringMap(map["requestParameters"], NodeReader.Child(path, "requestParameters")) ?? Empty.Strings,
            RequestTemplates = r.StringMap(map["requestTemplates"], NodeReader.Child(path, "requestTemplates")) ?? Empty.Strings,
            PassthroughBehavior = r.String(map["passthroughBehavior"], NodeReader.Child(path, "passthroughBehavior"))?.ToUpperInvariant(),
            ContentHandling = r.String(map["contentHandling"], NodeReader.Child(path, "contentHandling")),
            Credentials = r.String(map["credentials"], NodeReader.Child(path, "credentials")),
            ConnectionType = r.String(map["connectionType"], NodeReader.Child(path, "connectionType")),
            ConnectionId = r.String(map["connectionId"], NodeReader.Child(path, "connectionId")),
            CacheNamespace = r.String(map["cacheNamespace"], NodeReader.Child(path, "cacheNamespace")),
            CacheKeyParameters = r.StringList(map["cacheKeyParameters"], NodeReader.Child(path, "cacheKeyParameters")) ?? [],
            PayloadFormatVersion = r.String(map["payloadFormatVersion"], NodeReader.Child(path, "payloadFormatVersion")),
            TlsInsecureSkipVerification = r.Bool(map["tlsInsecureSkipVerification"], NodeReader.Child(path, "tlsInsecureSkipVerification")) ?? false,
            Responses = responses,
            Extras = extras.Count == 0 ? Empty.Json : extras,
            Position = map.Position,
        };
        return type is null ? null : integration;
    }

    private static StageDefinition? ReadStage(NodeReader r, SourceNode node, string path, string apiId)
    {
        if (r.Map(node, path) is not { } map)
        {
            return null;
        }

        r.RejectUnknownKeys(map, path, StageKeys);
        var name = r.String(r.Required(map, "name", path), NodeReader.Child(path, "name"));
        CanaryDefinition? canary = null;
        if (r.Map(map["canary"], NodeReader.Child(path, "canary")) is { } c)
        {
            var canaryPath = NodeReader.Child(path, "canary");
            r.RejectUnknownKeys(c, canaryPath, CanaryKeys);
            canary = new CanaryDefinition
            {
                PercentTraffic = r.Double(c["percentTraffic"], NodeReader.Child(canaryPath, "percentTraffic")) ?? 0,
                StageVariableOverrides = r.StringMap(c["stageVariableOverrides"], NodeReader.Child(canaryPath, "stageVariableOverrides")) ?? Empty.Strings,
                Position = c.Position,
            };
        }

        if (name is null)
        {
            return null;
        }

        return new StageDefinition
        {
            ApiId = apiId,
            Name = name,
            Description = r.String(map["description"], NodeReader.Child(path, "description")),
            Variables = r.StringMap(map["variables"], NodeReader.Child(path, "variables")) ?? Empty.Strings,
            Canary = canary,
            MethodSettings = TrafficConfigReader.ReadMethodSettings(r, map["methodSettings"], NodeReader.Child(path, "methodSettings")),
            Position = map.Position,
        };
    }

    private static DomainDefinition? ReadDomain(NodeReader r, SourceNode node, string path)
    {
        if (r.Map(node, path) is not { } map)
        {
            return null;
        }

        r.RejectUnknownKeys(map, path, DomainKeys);
        var name = r.String(r.Required(map, "name", path), NodeReader.Child(path, "name"));
        var mappings = new List<BasePathMappingDefinition>();
        if (r.Sequence(map["mappings"], NodeReader.Child(path, "mappings")) is { } list)
        {
            for (var i = 0; i < list.Items.Count; i++)
            {
                var mappingPath = NodeReader.Index(NodeReader.Child(path, "mappings"), i);
                if (r.Map(list.Items[i], mappingPath) is not { } m)
                {
                    continue;
                }

                r.RejectUnknownKeys(m, mappingPath, MappingKeys);
                var basePath = r.String(m["basePath"], NodeReader.Child(mappingPath, "basePath")) ?? string.Empty;
                var api = r.String(r.Required(m, "api", mappingPath), NodeReader.Child(mappingPath, "api"));
                var stage = r.String(r.Required(m, "stage", mappingPath), NodeReader.Child(mappingPath, "stage"));
                if (api is null || stage is null)
                {
                    continue;
                }

                mappings.Add(new BasePathMappingDefinition
                {
                    // API Gateway spells the root mapping "(none)".
                    BasePath = basePath == "(none)" ? string.Empty : basePath.Trim('/'),
                    ApiId = api,
                    Stage = stage,
                    Position = m.Position,
                });
            }
        }

        return name is null ? null : new DomainDefinition { Name = name, Mappings = mappings, Position = map.Position };
    }

    private static FunctionDefinition? ReadFunction(NodeReader r, SourceNode node, string path, string fileName)
    {
        if (r.Map(node, path) is not { } map)
        {
            if (NodeReader.IsAbsent(node))
            {
                r.Error(node.Position, path, "expected a mapping");
            }

            return null;
        }

        r.RejectUnknownKeys(map, path, FunctionKeys);
        var name = r.String(r.Required(map, "name", path), NodeReader.Child(path, "name"));
        var command = r.StringList(map["command"], NodeReader.Child(path, "command"));
        var url = r.String(map["url"], NodeReader.Child(path, "url"));
        if (command is null && url is null)
        {
            r.Error(map.Position, path, "needs exactly one of 'command' (a process speaking the Lambda Runtime API) or 'url' (an http target)");
        }
        else if (command is not null && url is not null)
        {
            r.Error(map["url"]!.Position, path, "give only one of 'command' or 'url'");
        }
        else if (command is { Count: 0 })
        {
            r.Error(map["command"]!.Position, NodeReader.Child(path, "command"), "must name an executable");
        }

        // Relative to the config file, so a definition means the same wherever lakegate is started from.
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? Directory.GetCurrentDirectory();
        var workingDirectory = r.String(map["workingDirectory"], NodeReader.Child(path, "workingDirectory"));
        workingDirectory = Path.GetFullPath(workingDirectory is null ? baseDirectory : Path.Combine(baseDirectory, workingDirectory));

        var defaults = new FunctionDefinition { Name = string.Empty };
        var function = new FunctionDefinition
        {
            Name = name ?? string.Empty,
            Command = command ?? [],
            Handler = r.String(map["handler"], NodeReader.Child(path, "handler")),
            WorkingDirectory = url is null ? workingDirectory : null,
            Environment = r.StringMap(map["environment"], NodeReader.Child(path, "environment")) ?? Empty.Strings,
            TimeoutSeconds = r.Int(map["timeoutSeconds"], NodeReader.Child(path, "timeoutSeconds")) ?? defaults.TimeoutSeconds,
            MemoryMb = r.Int(map["memoryMb"], NodeReader.Child(path, "memoryMb")) ?? defaults.MemoryMb,
            MaxConcurrency = r.Int(map["maxConcurrency"], NodeReader.Child(path, "maxConcurrency")) ?? defaults.MaxConcurrency,
            MinWarm = r.Int(map["minWarm"], NodeReader.Child(path, "minWarm")) ?? defaults.MinWarm,
            Url = url,
            Position = map.Position,
        };
        return name is null ? null : function;
    }
}
