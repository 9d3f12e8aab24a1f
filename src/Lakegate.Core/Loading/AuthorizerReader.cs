using System.Text.RegularExpressions;
using Lakegate.Core.Authorizers;
using Lakegate.Core.Definitions;
using Lakegate.Core.Functions;

namespace Lakegate.Core.Loading;

/// <summary>
/// Reads one authorizer declaration: an OpenAPI security scheme carrying
/// <c>x-amazon-apigateway-authorizer</c> (the header named by <c>name</c>/<c>in</c> is the TOKEN and
/// Cognito default identity source), or the authorizer block alone. Unknown keys of the block are
/// errors, as everywhere in lakegate.yaml. The same reader runs on the source file (positions) and
/// on a stored deployment (no positions), so both agree on what is valid.
/// </summary>
internal static partial class AuthorizerReader
{
    public const string BlockKey = "x-amazon-apigateway-authorizer";

    internal static readonly HashSet<string> BlockKeys =
    [
        "type", "authorizerUri", "authorizerCredentials", "authorizerResultTtlInSeconds", "identitySource", "identityValidationExpression",
        "authorizerPayloadFormatVersion", "enableSimpleResponses", "jwtConfiguration", "providerARNs", "function", "issuer", "audience",
    ];

    internal static readonly HashSet<string> JwtKeys = ["issuer", "audience"];

    public static AuthorizerDefinition? Read(NodeReader r, string name, SourceNode node, string path, ApiKind kind)
    {
        if (r.Map(node, path) is not { } scheme)
        {
            return null;
        }

        var block = scheme;
        var blockPath = path;
        string? defaultHeader = null;
        if (scheme.ContainsKey(BlockKey))
        {
            blockPath = NodeReader.Child(path, BlockKey);
            if (r.Map(scheme[BlockKey], blockPath) is not { } inner)
            {
                return null;
            }

            block = inner;
            if (scheme["in"] is SourceScalar { Value: "header" } && scheme["name"] is SourceScalar headerName && headerName.Value.Length > 0)
            {
                defaultHeader = headerName.Value;
            }
        }

        r.RejectUnknownKeys(block, blockPath, BlockKeys);
        var typeNode = r.Required(block, "type", blockPath);
        var typeName = r.String(typeNode, NodeReader.Child(blockPath, "type"))?.ToLowerInvariant();
        AuthorizerKind? authorizerKind = typeName switch
        {
            null => null,
            "token" => AuthorizerKind.Token,
            "request" => AuthorizerKind.Request,
            "jwt" => AuthorizerKind.Jwt,
            "cognito_user_pools" => AuthorizerKind.CognitoUserPools,
            _ => null,
        };
        if (typeName is not null && authorizerKind is null)
        {
            r.Error(typeNode!.Position, NodeReader.Child(blockPath, "type"), $"'{typeName}': expected token, request, jwt or cognito_user_pools");
            return null;
        }

        if (authorizerKind is not { } type)
        {
            return null;
        }

        if (kind == ApiKind.Http && type is AuthorizerKind.Token or AuthorizerKind.CognitoUserPools)
        {
            r.Error(typeNode!.Position, NodeReader.Child(blockPath, "type"), $"HTTP APIs have request and jwt authorizers, not {typeName} (a Cognito pool is a jwt authorizer with the pool as issuer)");
        }
        else if (kind == ApiKind.Rest && type == AuthorizerKind.Jwt)
        {
            r.Error(typeNode!.Position, NodeReader.Child(blockPath, "type"), "REST APIs have token, request and cognito_user_pools authorizers, not jwt");
        }

        var definition = new AuthorizerDefinition { Name = name, Kind = type };
        definition = type is AuthorizerKind.Token or AuthorizerKind.Request
            ? ReadLambda(r, block, blockPath, definition, kind, defaultHeader)
            : ReadJwt(r, block, blockPath, definition, defaultHeader);
        return definition;
    }

    private static AuthorizerDefinition ReadLambda(NodeReader r, SourceMap block, string path, AuthorizerDefinition definition, ApiKind kind, string? defaultHeader)
    {
        RejectFor(r, block, path, ["jwtConfiguration", "providerARNs", "issuer", "audience"], "Lambda authorizers");
        var function = r.String(block["function"], NodeReader.Child(path, "function"));
        var uri = r.String(block["authorizerUri"], NodeReader.Child(path, "authorizerUri"));
        if (function is null && uri is not null)
        {
            function = FunctionReference.FromArn(uri);
            if (function is null)
            {
                r.Error(block["authorizerUri"]!.Position, NodeReader.Child(path, "authorizerUri"),
                    "expected arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/arn:aws:lambda:{region}:{account}:function:NAME/invocations or a Lambda function ARN");
            }
        }
        else if (function is null)
        {
            r.Error(block.Position, path, "a Lambda authorizer needs authorizerUri (or function: NAME)");
        }

        var ttl = 0;
        if (block["authorizerResultTtlInSeconds"] is { } ttlNode)
        {
            var value = r.Int(ttlNode, NodeReader.Child(path, "authorizerResultTtlInSeconds"), allowQuoted: true);
            if (value is < 0 or > AuthorizerDefinition.MaxResultTtlSeconds)
            {
                r.Error(ttlNode.Position, NodeReader.Child(path, "authorizerResultTtlInSeconds"), $"must be within 0..{AuthorizerDefinition.MaxResultTtlSeconds}");
            }

            ttl = value ?? AuthorizerDefinition.DefaultResultTtlSeconds;
        }
        else
        {
            ttl = AuthorizerDefinition.DefaultResultTtlSeconds;
        }

        var sources = ReadIdentitySources(r, block, path);
        if (definition.Kind == AuthorizerKind.Token)
        {
            if (sources.Count == 0 && defaultHeader is not null)
            {
                sources = [new IdentitySource(IdentitySourceLocation.Header, defaultHeader)];
            }

            if (sources.Count != 1 || sources[0].Location != IdentitySourceLocation.Header)
            {
                r.Error((block["identitySource"] ?? block).Position, NodeReader.Child(path, "identitySource"), "a token authorizer reads exactly one header: method.request.header.NAME");
            }
        }
        else if (sources.Count == 0 && ttl > 0)
        {
            r.Error((block["identitySource"] ?? block).Position, NodeReader.Child(path, "identitySource"),
                "a request authorizer with a result cache needs at least one identity source (the cache key); set authorizerResultTtlInSeconds: 0 to call it on every request");
        }

        var expression = r.String(block["identityValidationExpression"], NodeReader.Child(path, "identityValidationExpression"));
        if (expression is not null)
        {
            if (definition.Kind != AuthorizerKind.Token)
            {
                r.Error(block["identityValidationExpression"]!.Position, NodeReader.Child(path, "identityValidationExpression"), "only token authorizers validate their identity");
            }
            else if (!IsValidRegex(expression, out var problem))
            {
                r.Error(block["identityValidationExpression"]!.Position, NodeReader.Child(path, "identityValidationExpression"), $"not a valid regular expression: {problem}");
                expression = null;
            }
        }

        var version = r.String(block["authorizerPayloadFormatVersion"], NodeReader.Child(path, "authorizerPayloadFormatVersion"));
        if (version is not null and not ("1.0" or "2.0"))
        {
            r.Error(block["authorizerPayloadFormatVersion"]!.Position, NodeReader.Child(path, "authorizerPayloadFormatVersion"), "expected \"1.0\" or \"2.0\"");
            version = null;
        }
        else if (version == "2.0" && kind == ApiKind.Rest)
        {
            r.Error(block["authorizerPayloadFormatVersion"]!.Position, NodeReader.Child(path, "authorizerPayloadFormatVersion"), "REST APIs send payload 1.0 to authorizers; 2.0 is for HTTP APIs");
        }

        version ??= kind == ApiKind.Http ? "2.0" : "1.0";
        var simple = r.Bool(block["enableSimpleResponses"], NodeReader.Child(path, "enableSimpleResponses")) ?? false;
        if (simple && version != "2.0")
        {
            r.Error(block["enableSimpleResponses"]!.Position, NodeReader.Child(path, "enableSimpleResponses"), "simple responses need authorizerPayloadFormatVersion \"2.0\"");
        }

        return definition with
        {
            FunctionName = function,
            IdentitySources = sources,
            IdentityValidationExpression = expression,
            ResultTtlSeconds = ttl,
            PayloadFormatVersion = version,
            EnableSimpleResponses = simple,
        };
    }

    private static AuthorizerDefinition ReadJwt(NodeReader r, SourceMap block, string path, AuthorizerDefinition definition, string? defaultHeader)
    {
        RejectFor(r, block, path, ["authorizerUri", "function", "identityValidationExpression", "authorizerPayloadFormatVersion", "enableSimpleResponses", "authorizerCredentials"],
            definition.Kind == AuthorizerKind.Jwt ? "jwt authorizers" : "cognito_user_pools authorizers");
        string? issuer = null;
        IReadOnlyList<string> audiences = [];
        SourceNode? issuerNode = null;
        if (definition.Kind == AuthorizerKind.Jwt)
        {
            RejectFor(r, block, path, ["providerARNs", "issuer", "audience"], "jwt authorizers (use jwtConfiguration)");
            var configPath = NodeReader.Child(path, "jwtConfiguration");
            if (r.Map(r.Required(block, "jwtConfiguration", path), configPath) is { } config)
            {
                r.RejectUnknownKeys(config, configPath, JwtKeys);
                issuerNode = r.Required(config, "issuer", configPath);
                issuer = r.String(issuerNode, NodeReader.Child(configPath, "issuer"));
                var audienceNode = r.Required(config, "audience", configPath);
                audiences = r.StringList(audienceNode, NodeReader.Child(configPath, "audience")) ?? [];
                if (audienceNode is not null && audiences.Count is 0 or > 50)
                {
                    r.Error(audienceNode.Position, NodeReader.Child(configPath, "audience"), "expected 1 to 50 audiences");
                }
            }
        }
        else
        {
            RejectFor(r, block, path, ["jwtConfiguration"], "cognito_user_pools authorizers");
            issuerNode = block["issuer"];
            issuer = r.String(issuerNode, NodeReader.Child(path, "issuer"));
            var arns = r.StringList(block["providerARNs"], NodeReader.Child(path, "providerARNs")) ?? [];
            if (issuer is null)
            {
                if (arns.Count == 0)
                {
                    r.Error(block.Position, path, "a cognito_user_pools authorizer needs providerARNs (or issuer: URL, for a self-hosted OpenID provider)");
                }
                else if (arns.Count > 1)
                {
                    r.Error(block["providerARNs"]!.Position, NodeReader.Child(path, "providerARNs"), "this build validates tokens of one user pool per authorizer; declare one authorizer per pool");
                }
                else if (CognitoPool().Match(arns[0]) is { Success: true } pool)
                {
                    issuer = $"https://cognito-idp.{pool.Groups["region"].Value}.amazonaws.com/{pool.Groups["pool"].Value}";
                }
                else
                {
                    r.Error(block["providerARNs"]!.Position, NodeReader.Child(path, "providerARNs"), $"'{arns[0]}': expected arn:aws:cognito-idp:{{region}}:{{account}}:userpool/{{poolId}}");
                }
            }

            audiences = r.StringList(block["audience"], NodeReader.Child(path, "audience")) ?? [];
        }

        if (issuer is not null && issuerNode is not null && !IsAcceptableIssuer(issuer))
        {
            r.Error(issuerNode.Position, NodeReader.Child(path, "issuer"), $"'{issuer}': expected an https:// URL (http:// only for localhost, 127.0.0.1 or [::1])");
        }

        if (block["authorizerResultTtlInSeconds"] is { } ttlNode)
        {
            _ = r.Int(ttlNode, NodeReader.Child(path, "authorizerResultTtlInSeconds"), allowQuoted: true);
        }

        var sources = ReadIdentitySources(r, block, path);
        if (sources.Count == 0)
        {
            sources = [new IdentitySource(IdentitySourceLocation.Header, defaultHeader ?? "Authorization")];
        }

        if (sources.Count != 1 || sources[0].Location is not (IdentitySourceLocation.Header or IdentitySourceLocation.QueryString))
        {
            r.Error((block["identitySource"] ?? block).Position, NodeReader.Child(path, "identitySource"), "a JWT authorizer reads exactly one header or query string parameter");
        }

        return definition with { Issuer = issuer, Audiences = audiences, IdentitySources = sources, ResultTtlSeconds = 0 };
    }

    private static List<IdentitySource> ReadIdentitySources(NodeReader r, SourceMap block, string path)
    {
        var node = block["identitySource"];
        var sourcesPath = NodeReader.Child(path, "identitySource");
        var list = new List<IdentitySource>();
        if (NodeReader.IsAbsent(node))
        {
            return list;
        }

        // REST spells several sources as one comma-separated string; HTTP APIs as a list. Both are read.
        var entries = node is SourceSequence ? r.StringList(node, sourcesPath) ?? [] : (r.String(node, sourcesPath) ?? string.Empty).Split(',');
        foreach (var entry in entries)
        {
            if (entry.Trim().Length == 0)
            {
                continue;
            }

            if (IdentitySource.Parse(entry, out var error) is { } source)
            {
                list.Add(source);
            }
            else
            {
                r.Error(node!.Position, sourcesPath, error!);
            }
        }

        return list;
    }

    private static void RejectFor(NodeReader r, SourceMap block, string path, string[] keys, string what)
    {
        foreach (var key in keys)
        {
            if (block.ContainsKey(key))
            {
                r.Error(block[key]!.Position, NodeReader.Child(path, key), $"not used by {what}");
            }
        }
    }

    internal static bool IsAcceptableIssuer(string issuer)
    {
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return false;
        }

        return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
    }

    private static bool IsValidRegex(string pattern, out string? problem)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            problem = null;
            return true;
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
            return false;
        }
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:cognito-idp:(?<region>[a-z0-9-]+):[0-9]*:userpool/(?<pool>[A-Za-z0-9_-]+)$")]
    private static partial Regex CognitoPool();
}
