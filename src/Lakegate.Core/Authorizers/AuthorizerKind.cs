namespace Lakegate.Core.Authorizers;

/// <summary>What an authorizer declaration asks the gateway to do before a route's integration.</summary>
public enum AuthorizerKind
{
    /// <summary>Lambda authorizer given one header value (<c>{type: TOKEN, authorizationToken, methodArn}</c>).</summary>
    Token,

    /// <summary>Lambda authorizer given the request (headers, query, stage variables, context).</summary>
    Request,

    /// <summary>HTTP API JWT authorizer: issuer + audience, keys from OIDC discovery.</summary>
    Jwt,

    /// <summary>REST Cognito user-pool authorizer: a JWT authorizer whose issuer is the pool.</summary>
    CognitoUserPools,
}
