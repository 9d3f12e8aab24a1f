using System.Text.Json;
using Lakegate.Core.Authorizers;

namespace Lakegate.Core.Tests.Authorizers;

public sealed class AuthorizerPolicyTests
{
    private const string Arn = "arn:aws:execute-api:us-east-1:000000000000:shop/prod/GET/items/1";

    private static AuthorizerPolicy Parse(string json)
    {
        var policy = AuthorizerPolicy.Parse(JsonDocument.Parse(json).RootElement, out var problem);
        Assert.True(policy is not null, problem);
        return policy!;
    }

    [Fact]
    public void Evaluate_AllowCoveringTheArn_Allows() =>
        Assert.Equal(PolicyDecision.Allow, Parse("""{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:000000000000:shop/prod/GET/*"}]}""").Evaluate(Arn));

    [Fact]
    public void Evaluate_SingleStatementObjectAndLists_AreAccepted() =>
        Assert.Equal(PolicyDecision.Allow, Parse("""{"Statement":{"Action":["s3:GetObject","execute-api:*"],"Effect":"Allow","Resource":["x",""" + "\"" + Arn + "\"" + """]}}""").Evaluate(Arn));

    [Fact]
    public void Evaluate_DenyWinsOverAllow() =>
        Assert.Equal(PolicyDecision.ExplicitDeny, Parse("""{"Statement":[{"Action":"*","Effect":"Allow","Resource":"*"},{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"*/GET/items/*"}]}""").Evaluate(Arn));

    [Fact]
    public void Evaluate_NoMatchingAllow_IsImplicitDeny()
    {
        var policy = Parse("""{"Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:000000000000:shop/prod/POST/*"}]}""");

        Assert.Equal(PolicyDecision.ImplicitDeny, policy.Evaluate(Arn));
    }

    [Fact]
    public void Evaluate_OtherAction_DoesNotAllow() =>
        Assert.Equal(PolicyDecision.ImplicitDeny, Parse("""{"Statement":[{"Action":"execute-api:ManageConnections","Effect":"Allow","Resource":"*"}]}""").Evaluate(Arn));

    [Fact]
    public void Evaluate_DenyForAnotherAction_DoesNotDeny() =>
        Assert.Equal(PolicyDecision.Allow, Parse("""{"Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"*"},{"Action":"execute-api:InvalidateCache","Effect":"Deny","Resource":"*"}]}""").Evaluate(Arn));

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Resource":"*"}]}""")]
    [InlineData("""{"Statement":[{"Action":"*","Effect":"allow","Resource":"*"}]}""")]
    [InlineData("""{"Statement":[{"Action":"*","Effect":"Allow","Resource":[]}]}""")]
    [InlineData("""{"Statement":[{"Action":"*","Effect":"Allow","Resource":[1]}]}""")]
    [InlineData("""{"Statement":["Allow"]}""")]
    public void Parse_Malformed_GivesProblem(string json)
    {
        Assert.Null(AuthorizerPolicy.Parse(JsonDocument.Parse(json).RootElement, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void MethodArn_RootResource_EndsWithSlash() =>
        Assert.Equal("arn:aws:execute-api:us-east-1:000000000000:shop/prod/GET/", MethodArn.Build("000000000000", "shop", "prod", "GET", "/"));
}
