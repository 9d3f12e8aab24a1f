using Lakegate.Core.Authorizers;
using Lakegate.Core.Loading;

namespace Lakegate.Core.Tests.Authorizers;

/// <summary>Authorizer declarations are checked where they are written: file:line:col diagnostics, unknown keys refused.</summary>
public sealed class AuthorizerLoadingTests
{
    /// <summary>One api with authorizer <c>a</c> (its block given unindented, one key per line) and one route using it.</summary>
    private static LoadResult Load(string block, string type = "rest", string authorizationType = "CUSTOM")
    {
        var lines = block.Trim().Split('\n').Select(l => "        " + l.Trim());
        var yaml = string.Join('\n',
        [
            "version: 1",
            "functions:",
            "  - { name: auth, command: [node, x.mjs], handler: x.h }",
            "apis:",
            "  - id: shop",
            "    type: " + type,
            "    authorizers:",
            "      a:",
            .. lines,
            "    routes:",
            "      - route: GET /items",
            "        authorizationType: " + authorizationType,
            "        authorizer: a",
            "        integration: { type: http_proxy, uri: \"http://backend\" }",
        ]);
        return DefinitionLoader.LoadText(yaml, "lakegate.yaml");
    }

    [Fact]
    public void Load_ValidTokenAuthorizer_HasNoErrors()
    {
        var result = Load("""
                    type: token
                    function: auth
                    identitySource: method.request.header.Authorization
                    identityValidationExpression: '^Bearer .+$'
            """);

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        var parsed = AuthorizerParser.ParseAll(result.Config!.Apis[0], []);
        Assert.Equal(AuthorizerKind.Token, parsed["a"].Kind);
        Assert.Equal(300, parsed["a"].ResultTtlSeconds);
        Assert.Equal("auth", parsed["a"].FunctionName);
    }

    [Fact]
    public void Load_UnknownKeyAndBadTtl_AreErrorsWithPositions()
    {
        var result = Load("""
                    type: token
                    function: auth
                    identitySource: method.request.header.Authorization
                    authorizerResultTtlInSeconds: 7200
                    identitySorce: oops
            """);

        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains(errors, e => e.StartsWith("lakegate.yaml:12:", StringComparison.Ordinal) && e.Contains("authorizerResultTtlInSeconds: must be within 0..3600", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("lakegate.yaml:13:", StringComparison.Ordinal) && e.Contains("unknown key 'identitySorce'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("type: token\nfunction: auth\nidentitySource: method.request.path.id", "path parameters cannot be identity sources")]
    [InlineData("type: token\nfunction: auth", "a token authorizer reads exactly one header")]
    [InlineData("type: request\nfunction: auth", "needs at least one identity source")]
    [InlineData("type: token\nidentitySource: method.request.header.A", "needs authorizerUri (or function: NAME)")]
    [InlineData("type: token\nfunction: auth\nidentitySource: method.request.header.A\nidentityValidationExpression: '(['", "not a valid regular expression")]
    [InlineData("type: token\nfunction: nobody\nidentitySource: method.request.header.A", "function 'nobody' is not declared under functions:")]
    [InlineData("type: jwt\njwtConfiguration: { issuer: https://id.example.com, audience: [a] }", "REST APIs have token, request and cognito_user_pools authorizers")]
    [InlineData("type: cognito_user_pools\nproviderARNs: [not-an-arn]", "expected arn:aws:cognito-idp")]
    [InlineData("type: magic", "expected token, request, jwt or cognito_user_pools")]
    [InlineData("type: request\nfunction: auth\nidentitySource: method.request.header.A\nauthorizerPayloadFormatVersion: \"2.0\"", "REST APIs send payload 1.0")]
    public void Load_BadRestAuthorizer_IsRefused(string block, string message)
    {
        var result = Load(block);

        Assert.True(result.HasErrors);
        Assert.Contains(result.Errors, e => e.ToString().Contains(message, StringComparison.Ordinal) && e.Position is not null);
    }

    [Theory]
    [InlineData("type: jwt\njwtConfiguration: { issuer: http://id.example.com, audience: [a] }", "expected an https:// URL")]
    [InlineData("type: jwt\njwtConfiguration: { issuer: https://id.example.com, audience: [] }", "expected 1 to 50 audiences")]
    [InlineData("type: jwt\njwtConfiguration: { issuer: https://id.example.com }", "missing required key 'audience'")]
    [InlineData("type: token\nfunction: auth\nidentitySource: $request.header.A", "HTTP APIs have request and jwt authorizers")]
    [InlineData("type: request\nfunction: auth\nidentitySource: $request.header.A\nauthorizerPayloadFormatVersion: \"1.0\"\nenableSimpleResponses: true", "simple responses need authorizerPayloadFormatVersion \"2.0\"")]
    public void Load_BadHttpAuthorizer_IsRefused(string block, string message)
    {
        var result = Load(block, type: "http", authorizationType: "JWT");

        Assert.True(result.HasErrors);
        Assert.Contains(result.Errors, e => e.ToString().Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RouteTypeNotMatchingAuthorizer_IsError()
    {
        var result = Load("""
                    type: token
                    function: auth
                    identitySource: method.request.header.Authorization
            """, authorizationType: "COGNITO_USER_POOLS");

        Assert.Contains(result.Errors, e => e.ToString().Contains("authorizationType must be CUSTOM, not COGNITO_USER_POOLS", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_CognitoPoolArn_GivesPoolIssuer()
    {
        var result = Load("""
                    type: cognito_user_pools
                    providerARNs: [arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC]
            """, authorizationType: "COGNITO_USER_POOLS");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        var parsed = AuthorizerParser.ParseAll(result.Config!.Apis[0], []);
        Assert.Equal("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC", parsed["a"].Issuer);
        Assert.Equal("Authorization", parsed["a"].IdentitySources[0].Name);
    }
}
