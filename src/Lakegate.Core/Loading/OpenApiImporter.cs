using System.Text;
using System.Text.Json;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// Imports an API Gateway export (Swagger 2.0 or OpenAPI 3.0.x, JSON or YAML) into one
/// <see cref="ApiDefinition"/> and one <see cref="StageDefinition"/>. Follows API Gateway's import
/// rules (dg: api-gateway-known-issues, import extensions): only the <c>x-amazon-apigateway-*</c>
/// extensions, parameters and body models matter; everything else of OpenAPI is documentation.
/// Extensions this build does not model are kept verbatim in <c>Extensions</c>, never dropped.
/// </summary>
public static class OpenApiImporter
{
    private const string Prefix = "x-amazon-apigateway-";
    private const string IntegrationKey = Prefix + "integration";
    private const string AnyMethodKey = Prefix + "any-method";

    private static readonly Dictionary<string, string> OperationKeys = new(StringComparer.Ordinal)
    {
        ["get"] = "GET",
        ["put"] = "PUT",
        ["post"] = "POST",
        ["delete"] = "DELETE",
        ["options"] = "OPTIONS",
        ["head"] = "HEAD",
        ["patch"] = "PATCH",
        [AnyMethodKey] = RouteDefinition.AnyMethod,
    };

    // Root extensions mapped onto ApiDefinition fields; every other x-amazon-apigateway-* root key goes to Extensions.
    private static readonly HashSet<string> ModelledRootExtensions =
    [
        Prefix + "binary-media-types", Prefix + "api-key-source", Prefix + "request-validators", Prefix + "request-validator",
        Prefix + "policy", Prefix + "cors", Prefix + "endpoint-configuration", Prefix + "minimum-compression-size",
        Prefix + "gateway-responses",
    ];

    private static readonly HashSet<string> ModelledOperationExtensions = [IntegrationKey, Prefix + "auth", Prefix + "request-validator"];

    private static readonly HashSet<string> ModelledIntegrationKeys =
    [
        "type", "uri", "httpMethod", "timeoutInMillis", "requestParameters", "requestTemplates", "passthroughBehavior", "contentHandling",
        "connectionType", "connectionId", "credentials", "cacheNamespace", "cacheKeyParameters", "responses", "payloadFormatVersion",
    ];

    /// <summary>
    /// Imports <paramref name="root"/>. Returns null when the document is not an OpenAPI mapping; otherwise a
    /// config with one api and one stage, to be discarded by the caller when errors were reported.
    /// </summary>
    public static LakegateConfig? Import(SourceNode root, string fileName, LoadOptions? options, ICollection<Diagnostic> diagnostics)
    {
        var r = new NodeReader(diagnostics);
        if (root is not SourceMap doc)
        {
            r.Error(root.Position, string.Empty, "expected an OpenAPI document (a mapping with 'swagger' or 'openapi')");
            return null;
        }

        var isSwagger2 = doc.ContainsKey("swagger");
        if (isSwagger2 && r.String(doc["swagger"], "swagger") is { } swagger && swagger != "2.0")
        {
            r.Error(doc["swagger"]!.Position, "swagger", $"unsupported Swagger version '{swagger}'; expected \"2.0\"");
        }
        else if (!isSwagger2 && r.String(doc["openapi"], "openapi") is { } openapi && !openapi.StartsWith("3.0", StringComparison.Ordinal))
        {
            // API Gateway imports OpenAPI 3.0; 3.1 documents usually load fine, so this is only a warning.
            r.Warning(doc["openapi"]!.Position, "openapi", $"API Gateway imports OpenAPI 3.0.x; '{openapi}' is read as 3.0");
        }

        var context = new ImportContext(r, doc, isSwagger2);
        var info = r.Map(doc["info"], "info");
        var title = r.String(info?["title"], "info.title");
        var id = options?.ApiId ?? DeriveId(title);
        var routes = new List<RouteDefinition>();
        var isHttpApi = doc.ContainsKey(Prefix + "importexport-version");

        if (r.Map(doc["paths"], "paths") is { } paths)
        {
            foreach (var pathEntry in paths.Entries)
            {
                ImportPath(context, pathEntry, routes, ref isHttpApi);
            }
        }

        var kind = isHttpApi ? ApiKind.Http : ApiKind.Rest;
        foreach (var entry in context.Schemes?.Entries ?? [])
        {
            if (entry.Value is SourceMap scheme && scheme.ContainsKey(AuthorizerReader.BlockKey))
            {
                var schemesPath = isSwagger2 ? "securityDefinitions" : "components.securitySchemes";
                AuthorizerReader.Read(r, entry.Key, scheme, NodeReader.Child(schemesPath, entry.Key), kind);
            }
        }

        var (endpointConfiguration, disableExecuteApi) = ReadEndpointConfiguration(r, doc, isSwagger2);
        var api = new ApiDefinition
        {
            Id = id,
            Name = title,
            Description = r.String(info?["description"], "info.description"),
            Kind = kind,
            Routes = routes,
            BinaryMediaTypes = r.StringList(doc[Prefix + "binary-media-types"], Prefix + "binary-media-types") ?? [],
            ApiKeySource = r.String(doc[Prefix + "api-key-source"], Prefix + "api-key-source")?.ToUpperInvariant() ?? "HEADER",
            GatewayResponses = ReadGatewayResponses(r, doc[Prefix + "gateway-responses"]),
            RequestValidators = ReadValidators(r, doc[Prefix + "request-validators"]),
            DefaultRequestValidator = r.String(doc[Prefix + "request-validator"], Prefix + "request-validator"),
            Models = r.JsonMap(isSwagger2 ? doc["definitions"] : context.Components?["schemas"], isSwagger2 ? "definitions" : "components.schemas") ?? Empty.Json,
            Authorizers = context.Authorizers,
            Policy = ReadPolicy(r, doc[Prefix + "policy"]),
            PolicyPosition = doc[Prefix + "policy"]?.Position,
            Cors = NodeReader.Json(doc[Prefix + "cors"]),
            EndpointConfiguration = endpointConfiguration,
            DisableExecuteApiEndpoint = disableExecuteApi,
            MinimumCompressionSize = r.Int(doc[Prefix + "minimum-compression-size"], Prefix + "minimum-compression-size"),
            Extensions = ReadRootExtensions(doc),
            Position = doc.Position,
        };

        var stage = new StageDefinition
        {
            ApiId = id,
            Name = options?.StageName ?? (kind == ApiKind.Http ? StageDefinition.DefaultStageName : "prod"),
            Position = doc.Position,
        };

        return new LakegateConfig { SourceFile = fileName, Apis = [api], Stages = [stage] };
    }

    /// <summary>
    /// Api id from the title: lower case, runs of other characters become one '-', trimmed, at most 64
    /// characters; "api" when nothing is left.
    /// </summary>
    public static string DeriveId(string? title)
    {
        var builder = new StringBuilder();
        foreach (var c in (title ?? string.Empty).ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var id = builder.ToString().Trim('-');
        if (id.Length > 64)
        {
            id = id[..64].TrimEnd('-');
        }

        return id.Length == 0 ? "api" : id;
    }

    private static void ImportPath(ImportContext context, SourceMapEntry pathEntry, List<RouteDefinition> routes, ref bool isHttpApi)
    {
        var r = context.Reader;
        var pathName = "paths." + pathEntry.Key;
        if (r.Map(pathEntry.Value, pathName) is not { } pathItem)
        {
            return;
        }

        var sharedParameters = pathItem["parameters"];
        foreach (var entry in pathItem.Entries)
        {
            if (!OperationKeys.TryGetValue(entry.Key, out var method))
            {
                continue;
            }

            var operationPath = $"{pathName}.{entry.Key}";
            if (r.Map(entry.Value, operationPath) is not { } operation)
            {
                continue;
            }

            var isDefault = pathEntry.Key is "/$default" or "$default"
                || (method == RouteDefinition.AnyMethod && r.Bool(operation["isDefaultRoute"], operationPath + ".isDefaultRoute") == true);
            var routePath = isDefault ? RouteDefinition.DefaultRoutePath : pathEntry.Key;
            if (isDefault)
            {
                method = RouteDefinition.AnyMethod;
                isHttpApi = true;
            }

            var label = $"route {method} {routePath}";
            var integrationNode = ResolveIntegrationRef(context, operation[IntegrationKey], operationPath + "." + IntegrationKey, out var unresolved);
            if (unresolved)
            {
                continue;
            }

            if (NodeReader.IsAbsent(integrationNode))
            {
                r.Error(entry.KeyPosition, string.Empty, $"{label}: no {IntegrationKey}");
                continue;
            }

            var integration = ReadIntegration(r, integrationNode!, operationPath + "." + IntegrationKey);
            if (integration is null)
            {
                continue;
            }

            if (integration.PayloadFormatVersion is not null)
            {
                isHttpApi = true;
            }

            var route = new RouteDefinition
            {
                Method = method,
                Path = routePath,
                Integration = integration,
                OperationName = r.String(operation["operationId"], operationPath + ".operationId"),
                RequestValidator = r.String(operation[Prefix + "request-validator"], operationPath + "." + Prefix + "request-validator"),
                RequestParameters = ReadParameters(context, sharedParameters, operation["parameters"], operationPath),
                RequestModels = ReadRequestModels(context, operation, operationPath),
                Extensions = ReadOperationExtensions(operation),
                Position = entry.KeyPosition,
            };
            route = ApplySecurity(context, route, operation, operationPath);
            routes.Add(route);
        }
    }

    private static SourceNode? ResolveIntegrationRef(ImportContext context, SourceNode? node, string path, out bool unresolved)
    {
        unresolved = false;
        if (node is not SourceMap map || map["$ref"] is not SourceScalar reference)
        {
            return node;
        }

        const string RefPrefix = "#/components/x-amazon-apigateway-integrations/";
        if (reference.Value.StartsWith(RefPrefix, StringComparison.Ordinal)
            && context.Components?[Prefix + "integrations"] is SourceMap integrations
            && integrations[reference.Value[RefPrefix.Length..]] is { } target)
        {
            return target;
        }

        context.Reader.Error(reference.Position, path, $"cannot resolve $ref '{reference.Value}'");
        unresolved = true;
        return null;
    }

    private static IntegrationDefinition? ReadIntegration(NodeReader r, SourceNode node, string path)
    {
        if (r.Map(node, path) is not { } map)
        {
            return null;
        }

        var typeNode = r.Required(map, "type", path);
        var typeText = r.String(typeNode, path + ".type");
        if (typeText is null)
        {
            return null;
        }

        if (!IntegrationTypeNames.TryParse(typeText, out var type))
        {
            r.Error(typeNode!.Position, path + ".type", $"unknown integration type '{typeText}'; expected {IntegrationTypeNames.Expected}");
            return null;
        }

        var extras = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var tlsInsecure = false;
        foreach (var entry in map.Entries)
        {
            if (entry.Key == "tlsConfig" && entry.Value is SourceMap tls)
            {
                tlsInsecure = r.Bool(tls["insecureSkipVerification"], path + ".tlsConfig.insecureSkipVerification") ?? false;

                // serverNameToVerify (HTTP API private integrations) has no field yet: keep the whole block.
                if (tls.Entries.Any(e => e.Key != "insecureSkipVerification"))
                {
                    extras[entry.Key] = SourceJson.ToJsonElement(entry.Value);
                }
            }
            else if (!ModelledIntegrationKeys.Contains(entry.Key))
            {
                extras[entry.Key] = SourceJson.ToJsonElement(entry.Value);
            }
        }

        var responses = new List<IntegrationResponseDefinition>();
        var responseMap = map["responses"];

        // HTTP APIs put parameter-mapping objects under "responses"-like keys only in responseParameters; a
        // non-map "responses" is a type error.
        if (r.Map(responseMap, path + ".responses") is { } responsesByPattern)
        {
            foreach (var entry in responsesByPattern.Entries)
            {
                var responsePath = $"{path}.responses.{entry.Key}";
                if (r.Map(entry.Value, responsePath) is not { } response)
                {
                    continue;
                }

                var statusCode = r.String(response["statusCode"], responsePath + ".statusCode");
                if (statusCode is null)
                {
                    r.Error(response.Position, responsePath, "missing required key 'statusCode'");
                    continue;
                }

                responses.Add(new IntegrationResponseDefinition
                {
                    SelectionPattern = entry.Key == "default" ? null : entry.Key,
                    StatusCode = statusCode,
                    ResponseParameters = r.StringMap(response["responseParameters"], responsePath + ".responseParameters") ?? Empty.Strings,
                    ResponseTemplates = r.StringMap(response["responseTemplates"], responsePath + ".responseTemplates") ?? Empty.Strings,
                    ContentHandling = r.String(response["contentHandling"], responsePath + ".contentHandling"),
                    Position = entry.KeyPosition,
                });
            }
        }

        return new IntegrationDefinition
        {
            Type = type,
            Uri = r.String(map["uri"], path + ".uri"),
            HttpMethod = r.String(map["httpMethod"], path + ".httpMethod")?.ToUpperInvariant(),
            TimeoutInMillis = r.Int(map["timeoutInMillis"], path + ".timeoutInMillis", allowQuoted: true) ?? IntegrationDefinition.DefaultTimeoutInMillis,
            RequestParameters = r.StringMap(map["requestParameters"], path + ".requestParameters") ?? Empty.Strings,
            RequestTemplates = r.StringMap(map["requestTemplates"], path + ".requestTemplates") ?? Empty.Strings,
            PassthroughBehavior = r.String(map["passthroughBehavior"], path + ".passthroughBehavior")?.ToUpperInvariant(),
            ContentHandling = r.String(map["contentHandling"], path + ".contentHandling"),
            ConnectionType = r.String(map["connectionType"], path + ".connectionType"),
            ConnectionId = r.String(map["connectionId"], path + ".connectionId"),
            Credentials = r.String(map["credentials"], path + ".credentials"),
            CacheNamespace = r.String(map["cacheNamespace"], path + ".cacheNamespace"),
            CacheKeyParameters = r.StringList(map["cacheKeyParameters"], path + ".cacheKeyParameters") ?? [],
            PayloadFormatVersion = r.String(map["payloadFormatVersion"], path + ".payloadFormatVersion"),
            TlsInsecureSkipVerification = tlsInsecure,
            Responses = responses,
            Extras = extras.Count == 0 ? Empty.Json : extras,
            Position = map.Position,
        };
    }

    private static IReadOnlyDictionary<string, bool> ReadParameters(ImportContext context, SourceNode? shared, SourceNode? own, string path)
    {
        var result = new Dictionary<string, bool>(StringComparer.Ordinal);

        // Path-level parameters first, so an operation's own declaration of the same name wins.
        foreach (var (node, nodePath) in new[] { (shared, path + ".parameters"), (own, path + ".parameters") })
        {
            if (context.Reader.Sequence(node, nodePath) is not { } list)
            {
                continue;
            }

            foreach (var item in list.Items)
            {
                if (context.Resolve(item) is not SourceMap parameter)
                {
                    continue;
                }

                var name = context.Reader.String(parameter["name"], nodePath + ".name");
                var location = context.Reader.String(parameter["in"], nodePath + ".in") switch
                {
                    "path" => "path",
                    "query" => "querystring",
                    "header" => "header",
                    _ => null,
                };
                if (name is null || location is null)
                {
                    continue;
                }

                result[$"method.request.{location}.{name}"] = context.Reader.Bool(parameter["required"], nodePath + ".required") ?? location == "path";
            }
        }

        return result;
    }

    private static IReadOnlyDictionary<string, string> ReadRequestModels(ImportContext context, SourceMap operation, string path)
    {
        var models = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.IsSwagger2)
        {
            if (context.Reader.Sequence(operation["parameters"], path + ".parameters") is not { } list)
            {
                return models;
            }

            foreach (var item in list.Items)
            {
                if (context.Resolve(item) is SourceMap { } parameter
                    && parameter["in"] is SourceScalar { Value: "body" }
                    && ModelName(parameter["schema"], "#/definitions/") is { } model)
                {
                    var consumes = context.Reader.StringList(operation["consumes"], path + ".consumes")
                        ?? context.Reader.StringList(context.Document["consumes"], "consumes");
                    foreach (var contentType in consumes is { Count: > 0 } ? consumes : ["application/json"])
                    {
                        models[contentType] = model;
                    }
                }
            }

            return models;
        }

        if (context.Resolve(operation["requestBody"]) is SourceMap body && body["content"] is SourceMap content)
        {
            foreach (var entry in content.Entries)
            {
                if (entry.Value is SourceMap media && ModelName(media["schema"], "#/components/schemas/") is { } model)
                {
                    models[entry.Key] = model;
                }
            }
        }

        return models;
    }

    private static string? ModelName(SourceNode? schema, string prefix) =>
        schema is SourceMap map && map["$ref"] is SourceScalar reference && reference.Value.StartsWith(prefix, StringComparison.Ordinal)
            ? reference.Value[prefix.Length..]
            : null;

    private static RouteDefinition ApplySecurity(ImportContext context, RouteDefinition route, SourceMap operation, string path)
    {
        var r = context.Reader;
        if (r.Sequence(operation["security"], path + ".security") is { } requirements)
        {
            foreach (var requirement in requirements.Items)
            {
                if (requirement is not SourceMap schemes)
                {
                    continue;
                }

                foreach (var entry in schemes.Entries)
                {
                    if (context.Schemes?[entry.Key] is not SourceMap scheme)
                    {
                        // AWS's own samples reference an undeclared `api_key` and import fine: the name alone
                        // means an x-api-key requirement. Other undeclared schemes are ignored, loudly.
                        if (entry.Key == "api_key")
                        {
                            route = route with { ApiKeyRequired = true };
                            r.Warning(entry.KeyPosition, path + ".security", "security scheme 'api_key' is not declared; taken as an x-api-key requirement, as API Gateway does");
                        }
                        else
                        {
                            r.Warning(entry.KeyPosition, path + ".security", $"security scheme '{entry.Key}' is not declared; ignored");
                        }

                        continue;
                    }

                    route = ApplyScheme(r, route, entry, scheme, path);
                }
            }
        }

        if (r.Map(operation[Prefix + "auth"], path + "." + Prefix + "auth") is { } auth
            && r.String(auth["type"], path + "." + Prefix + "auth.type") is { } authType)
        {
            route = route with { AuthorizationType = authType.ToUpperInvariant() };
        }

        return route;
    }

    private static RouteDefinition ApplyScheme(NodeReader r, RouteDefinition route, SourceMapEntry entry, SourceMap scheme, string path)
    {
        if (scheme[Prefix + "authorizer"] is SourceMap authorizer)
        {
            var authorizerType = r.String(authorizer["type"], "authorizer.type")?.ToLowerInvariant();
            var authorizationType = authorizerType switch
            {
                "cognito_user_pools" => "COGNITO_USER_POOLS",
                "jwt" => "JWT",
                _ => "CUSTOM",
            };
            return route with
            {
                AuthorizationType = authorizationType,
                AuthorizerId = entry.Key,
                AuthorizationScopes = r.StringList(entry.Value, path + ".security." + entry.Key) ?? [],
            };
        }

        var authType = r.String(scheme[Prefix + "authtype"], Prefix + "authtype");
        if (string.Equals(authType, "awsSigv4", StringComparison.OrdinalIgnoreCase))
        {
            return route with { AuthorizationType = "AWS_IAM" };
        }

        if (scheme["type"] is SourceScalar { Value: "apiKey" } && scheme["name"] is SourceScalar name
            && string.Equals(name.Value, "x-api-key", StringComparison.OrdinalIgnoreCase))
        {
            return route with { ApiKeyRequired = true };
        }

        return route;
    }

    private static IReadOnlyDictionary<string, JsonElement> ReadOperationExtensions(SourceMap operation)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var entry in operation.Entries)
        {
            if (entry.Key.StartsWith(Prefix, StringComparison.Ordinal) && !ModelledOperationExtensions.Contains(entry.Key))
            {
                result[entry.Key] = SourceJson.ToJsonElement(entry.Value);
            }
        }

        return result.Count == 0 ? Empty.Json : result;
    }

    private static IReadOnlyDictionary<string, JsonElement> ReadRootExtensions(SourceMap doc)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var entry in doc.Entries)
        {
            if (entry.Key.StartsWith(Prefix, StringComparison.Ordinal) && !ModelledRootExtensions.Contains(entry.Key))
            {
                result[entry.Key] = SourceJson.ToJsonElement(entry.Value);
            }
        }

        // x-amazon-apigateway-tag-value lives inside the root tags[] entries; keep the tags when any entry uses it.
        if (doc["tags"] is SourceSequence tags && tags.Items.Any(t => t is SourceMap m && m.ContainsKey(Prefix + "tag-value")))
        {
            result["tags"] = SourceJson.ToJsonElement(tags);
        }

        return result.Count == 0 ? Empty.Json : result;
    }

    private static IReadOnlyDictionary<string, GatewayResponseDefinition> ReadGatewayResponses(NodeReader r, SourceNode? node)
    {
        var path = Prefix + "gateway-responses";
        if (r.Map(node, path) is not { } map)
        {
            return new Dictionary<string, GatewayResponseDefinition>();
        }

        var result = new Dictionary<string, GatewayResponseDefinition>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            var entryPath = $"{path}.{entry.Key}";
            var response = r.Map(entry.Value, entryPath);
            result[entry.Key] = new GatewayResponseDefinition
            {
                StatusCode = r.Int(response?["statusCode"], entryPath + ".statusCode", allowQuoted: true),
                ResponseParameters = r.StringMap(response?["responseParameters"], entryPath + ".responseParameters") ?? Empty.Strings,
                ResponseTemplates = r.StringMap(response?["responseTemplates"], entryPath + ".responseTemplates") ?? Empty.Strings,
                Position = entry.KeyPosition,
            };
        }

        return result;
    }

    private static IReadOnlyDictionary<string, RequestValidatorDefinition> ReadValidators(NodeReader r, SourceNode? node)
    {
        var path = Prefix + "request-validators";
        var result = new Dictionary<string, RequestValidatorDefinition>(StringComparer.Ordinal);
        if (r.Map(node, path) is not { } map)
        {
            return result;
        }

        foreach (var entry in map.Entries)
        {
            var v = r.Map(entry.Value, $"{path}.{entry.Key}");
            result[entry.Key] = new RequestValidatorDefinition
            {
                ValidateRequestBody = r.Bool(v?["validateRequestBody"], $"{path}.{entry.Key}.validateRequestBody") ?? false,
                ValidateRequestParameters = r.Bool(v?["validateRequestParameters"], $"{path}.{entry.Key}.validateRequestParameters") ?? false,
            };
        }

        return result;
    }

    // Exports write the policy as an object; the REST API itself stores it as a JSON string, which some files carry.
    private static JsonElement? ReadPolicy(NodeReader r, SourceNode? node)
    {
        if (node is SourceScalar { IsQuoted: true } text)
        {
            try
            {
                using var document = JsonDocument.Parse(text.Value);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                r.Error(text.Position, Prefix + "policy", "expected an IAM policy document (JSON object)");
                return null;
            }
        }

        return NodeReader.Json(node);
    }

    private static (JsonElement? Configuration, bool DisableExecuteApi) ReadEndpointConfiguration(NodeReader r, SourceMap doc, bool isSwagger2)
    {
        var key = Prefix + "endpoint-configuration";
        SourceNode? node = null;
        if (isSwagger2)
        {
            node = doc[key];
        }
        else if (doc["servers"] is SourceSequence servers)
        {
            node = servers.Items.OfType<SourceMap>().Select(s => s[key]).FirstOrDefault(n => n is not null);
        }

        if (r.Map(node, key) is not { } map)
        {
            return (null, false);
        }

        return (SourceJson.ToJsonElement(map), r.Bool(map["disableExecuteApiEndpoint"], key + ".disableExecuteApiEndpoint") ?? false);
    }

    /// <summary>What the per-operation readers need from the whole document.</summary>
    private sealed class ImportContext
    {
        public ImportContext(NodeReader reader, SourceMap document, bool isSwagger2)
        {
            Reader = reader;
            Document = document;
            IsSwagger2 = isSwagger2;
            Components = document["components"] as SourceMap;
            Schemes = (isSwagger2 ? document["securityDefinitions"] : Components?["securitySchemes"]) as SourceMap;
            var authorizers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var entry in Schemes?.Entries ?? [])
            {
                // The whole scheme is kept (name, in, authtype), not only the authorizer block: identitySource defaults come from it.
                if (entry.Value is SourceMap scheme && scheme.ContainsKey(Prefix + "authorizer"))
                {
                    authorizers[entry.Key] = SourceJson.ToJsonElement(scheme);
                }
            }

            Authorizers = authorizers.Count == 0 ? Empty.Json : authorizers;
        }

        public NodeReader Reader { get; }

        public SourceMap Document { get; }

        public bool IsSwagger2 { get; }

        public SourceMap? Components { get; }

        public SourceMap? Schemes { get; }

        public IReadOnlyDictionary<string, JsonElement> Authorizers { get; }

        /// <summary>Follows a local <c>$ref</c> (#/parameters/x, #/components/requestBodies/y, ...) one level deep.</summary>
        public SourceNode? Resolve(SourceNode? node)
        {
            if (node is not SourceMap map || map["$ref"] is not SourceScalar reference || !reference.Value.StartsWith("#/", StringComparison.Ordinal))
            {
                return node;
            }

            SourceNode? current = Document;
            foreach (var part in reference.Value[2..].Split('/'))
            {
                current = (current as SourceMap)?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }

            if (current is null)
            {
                Reader.Error(reference.Position, string.Empty, $"cannot resolve $ref '{reference.Value}'");
            }

            return current;
        }
    }
}
