namespace Lakegate.Core.Authorizers;

/// <summary>
/// An authorizer as the gateway runs it, read from the verbatim declaration kept in
/// <see cref="Definitions.ApiDefinition.Authorizers"/> (an OpenAPI security scheme with
/// <c>x-amazon-apigateway-authorizer</c>, or the authorizer block itself).
/// </summary>
public sealed record AuthorizerDefinition
{
    public required string Name { get; init; }

    public required AuthorizerKind Kind { get; init; }

    /// <summary>Lambda authorizers: the declared function to invoke (may hold <c>${stageVariables.x}</c>).</summary>
    public string? FunctionName { get; init; }

    public IReadOnlyList<IdentitySource> IdentitySources { get; init; } = [];

    /// <summary>TOKEN: the whole token must match, else 401 without invoking.</summary>
    public string? IdentityValidationExpression { get; init; }

    /// <summary>Lambda authorizers: 0 disables the result cache; at most 3600.</summary>
    public int ResultTtlSeconds { get; init; } = DefaultResultTtlSeconds;

    /// <summary>"1.0" or "2.0" (HTTP APIs); REST is always 1.0.</summary>
    public string PayloadFormatVersion { get; init; } = "1.0";

    /// <summary>Payload 2.0: the function answers <c>{"isAuthorized": bool, "context": {...}}</c>.</summary>
    public bool EnableSimpleResponses { get; init; }

    /// <summary>JWT and Cognito: the expected <c>iss</c>; discovery is <c>{issuer}/.well-known/openid-configuration</c>.</summary>
    public string? Issuer { get; init; }

    /// <summary>JWT: <c>aud</c> or <c>client_id</c> must be one of these. Cognito: optional, checked the same way when set.</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    public const int DefaultResultTtlSeconds = 300;

    public const int MaxResultTtlSeconds = 3600;

    public bool IsLambda => Kind is AuthorizerKind.Token or AuthorizerKind.Request;
}
