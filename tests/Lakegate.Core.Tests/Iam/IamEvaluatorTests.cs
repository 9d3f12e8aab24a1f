using Lakegate.Core.Iam;

namespace Lakegate.Core.Tests.Iam;

public sealed class IamEvaluatorTests
{
    private const string ApiArn = "arn:aws:execute-api:us-east-1:000000000000:shop";
    private const string GetItems = ApiArn + "/prod/GET/items";
    private static readonly IamPrincipal Alice = IamPrincipal.User("000000000000", "alice");
    private static readonly IamPrincipal Mallory = IamPrincipal.User("999999999999", "mallory");

    private static IamPolicy Policy(string json)
    {
        var errors = new List<string>();
        var policy = IamPolicy.Parse(json, errors, ApiArn);
        Assert.True(policy is not null, string.Join("; ", errors));
        return policy;
    }

    private static IamRequest Request(string resource = GetItems, IamPrincipal? principal = null, string sourceIp = "10.1.2.3", string action = ExecuteApiArn.InvokeAction) =>
        IamRequest.Create(action, resource, principal, [new("aws:SourceIp", sourceIp)]);

    [Fact]
    public void Evaluate_NoStatementApplies_IsImplicitDeny()
    {
        var policy = Policy("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/POST/*"}}""");

        Assert.Equal(IamDecision.ImplicitDeny, IamEvaluator.Evaluate(policy, Request()));
    }

    [Fact]
    public void Evaluate_AllowAndDenyBothApply_DenyWins()
    {
        var policy = Policy("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"},
              {"Effect":"Deny","Principal":"*","Action":"execute-api:*","Resource":"execute-api:/*/GET/items"}]}
            """);

        Assert.Equal(IamDecision.ExplicitDeny, IamEvaluator.Evaluate(policy, Request()));
        Assert.Equal(IamDecision.Allow, IamEvaluator.Evaluate(policy, Request(ApiArn + "/prod/GET/items/1")));
    }

    [Theory]
    [InlineData("execute-api:/*", true)]
    [InlineData("execute-api:/prod/*/items", true)]
    [InlineData("execute-api:/pro?/GET/items", true)]
    [InlineData("execute-api:/prod/GET/item?", true)]
    [InlineData("execute-api:/prod/GET/item??", false)]
    [InlineData("execute-api:/prod/get/items", false)]
    [InlineData("arn:aws:execute-api:*:*:shop/*", true)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:other/*", false)]
    public void Evaluate_ResourceWildcards_MatchAsIamDoes(string resource, bool allowed)
    {
        var policy = Policy($$$"""{"Statement":{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"{{{resource}}}"}}""");

        Assert.Equal(allowed ? IamDecision.Allow : IamDecision.ImplicitDeny, IamEvaluator.Evaluate(policy, Request()));
    }

    [Fact]
    public void Evaluate_NotActionAndNotResource_ApplyToEverythingElse()
    {
        var policy = Policy("""
            {"Statement":[
              {"Effect":"Allow","Principal":"*","NotAction":"execute-api:InvalidateCache","Resource":"*"},
              {"Effect":"Deny","Principal":"*","Action":"*","NotResource":["execute-api:/prod/*"]}]}
            """);

        Assert.Equal(IamDecision.Allow, IamEvaluator.Evaluate(policy, Request()));
        Assert.Equal(IamDecision.ImplicitDeny, IamEvaluator.Evaluate(policy, Request(action: "execute-api:InvalidateCache")));
        Assert.Equal(IamDecision.ExplicitDeny, IamEvaluator.Evaluate(policy, Request(ApiArn + "/dev/GET/items")));
    }

    [Fact]
    public void Evaluate_ActionMatch_IsCaseInsensitive()
    {
        var policy = Policy("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"EXECUTE-API:invoke","Resource":"*"}}""");

        Assert.Equal(IamDecision.Allow, IamEvaluator.Evaluate(policy, Request()));
    }

    [Fact]
    public void Evaluate_PrincipalList_MatchesAccountRootAndUserArns()
    {
        var policy = Policy("""
            {"Statement":{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111111111111:root","222222222222","arn:aws:iam::000000000000:user/alice"]},
             "Action":"execute-api:Invoke","Resource":"execute-api:/*"}}
            """);

        Assert.Equal(IamDecision.Allow, IamEvaluator.Evaluate(policy, Request(principal: Alice)));
        Assert.Equal(IamDecision.Allow, IamEvaluator.Evaluate(policy, Request(principal: IamPrincipal.User("111111111111", "bob"))));
        Assert.Equal(IamDecision.Allow, IamEvaluator.Evaluate(policy, Request(principal: IamPrincipal.User("222222222222", "carol"))));
        Assert.Equal(IamDecision.ImplicitDeny, IamEvaluator.Evaluate(policy, Request(principal: IamPrincipal.User("000000000000", "bob"))));
        Assert.Equal(IamDecision.ImplicitDeny, IamEvaluator.Evaluate(policy, Request(principal: Mallory)));
        Assert.Equal(IamDecision.ImplicitDeny, IamEvaluator.Evaluate(policy, Request(principal: null)));
    }

    [Fact]
    public void Evaluate_StarPrincipal_CoversAnonymousCallers()
    {
        var policy = Policy("""{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"execute-api:Invoke","Resource":"*"}}""");

        Assert.Equal(IamDecision.Allow, IamEvaluator.Evaluate(policy, Request(principal: null)));
    }

    [Theory]
    [InlineData("10.1.2.3", "IpAddress", "10.0.0.0/8", true)]
    [InlineData("10.1.2.3", "IpAddress", "10.1.2.3", true)]
    [InlineData("10.1.2.3", "IpAddress", "10.1.2.0/31", false)]
    [InlineData("10.1.2.3", "IpAddress", "192.168.0.0/16", false)]
    [InlineData("10.1.2.3", "NotIpAddress", "192.168.0.0/16", true)]
    [InlineData("10.1.2.3", "NotIpAddress", "10.0.0.0/8", false)]
    [InlineData("::ffff:10.1.2.3", "IpAddress", "10.0.0.0/8", true)]
    [InlineData("2001:db8::1", "IpAddress", "2001:db8::/32", true)]
    [InlineData("2001:db9::1", "IpAddress", "2001:db8::/32", false)]
    [InlineData("2001:db8::1", "IpAddress", "10.0.0.0/8", false)]
    [InlineData("10.1.2.3", "IpAddress", "10.1.2.99/24", true)]
    public void Evaluate_SourceIpConditions_MatchCidrs(string sourceIp, string op, string range, bool allowed)
    {
        var policy = Policy("""
            {"Statement":{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*","Condition":{"OP":{"aws:SourceIp":"RANGE"}}}}
            """.Replace("OP", op, StringComparison.Ordinal).Replace("RANGE", range, StringComparison.Ordinal));

        Assert.Equal(allowed ? IamDecision.Allow : IamDecision.ImplicitDeny, IamEvaluator.Evaluate(policy, Request(sourceIp: sourceIp)));
    }

    [Fact]
    public void Evaluate_ConditionValues_AreOredAndKeysAnded()
    {
        var policy = Policy("""
            {"Statement":{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*",
             "Condition":{"IpAddress":{"aws:SourceIp":["192.168.0.0/16","10.0.0.0/8"]},"StringEquals":{"aws:PrincipalAccount":["000000000000","111111111111"]}}}}
            """);

        Assert.Equal(IamDecision.Allow, IamEvaluator.Evaluate(policy, Request(principal: Alice)));
        Assert.Equal(IamDecision.ImplicitDeny, IamEvaluator.Evaluate(policy, Request(principal: Alice, sourceIp: "172.16.0.1")));
        Assert.Equal(IamDecision.ImplicitDeny, IamEvaluator.Evaluate(policy, Request(principal: Mallory)));
    }

    [Fact]
    public void Evaluate_MissingConditionKey_FailsPositiveAndHoldsNegatedOperators()
    {
        var positive = Policy("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:username":"alice"}}}}""");
        var negated = Policy("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:username":"alice"}}}}""");
        var ifExists = Policy("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:username":"alice"}}}}""");
        var isNull = Policy("""{"Statement":{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"Null":{"aws:username":"true"}}}}""");

        Assert.Equal(IamDecision.ImplicitDeny, IamEvaluator.Evaluate(positive, Request()));
        Assert.Equal(IamDecision.Allow, IamEvaluator.Evaluate(negated, Request()));
        Assert.Equal(IamDecision.Allow, IamEvaluator.Evaluate(ifExists, Request()));
        Assert.Equal(IamDecision.ImplicitDeny, IamEvaluator.Evaluate(ifExists, Request(principal: IamPrincipal.User("000000000000", "bob"))));
        Assert.Equal(IamDecision.ExplicitDeny, IamEvaluator.Evaluate(isNull, Request()));
        Assert.Equal(IamDecision.ImplicitDeny, IamEvaluator.Evaluate(isNull, Request(principal: Alice)));
    }

    [Fact]
    public void Evaluate_StringLikeOnPrincipalArn_UsesWildcards()
    {
        var policy = Policy("""
            {"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::000000000000:user/a*"}}},
                          {"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotLike":{"aws:PrincipalArn":"arn:aws:iam::000000000000:*"}}}]}
            """);

        Assert.Equal(IamDecision.Allow, IamEvaluator.Evaluate(policy, Request(principal: Alice)));
        Assert.Equal(IamDecision.ImplicitDeny, IamEvaluator.Evaluate(policy, Request(principal: IamPrincipal.User("000000000000", "bob"))));
        Assert.Equal(IamDecision.ExplicitDeny, IamEvaluator.Evaluate(policy, Request(principal: Mallory)));
    }

    [Fact]
    public void Evaluate_SetQualifiers_ApplyToMultiValuedKeys()
    {
        var any = Policy("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"lakegate:group":["admin","ops"]}}}}""");
        var all = Policy("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"ForAllValues:StringEquals":{"lakegate:group":["admin","ops"]}}}}""");
        IamRequest Groups(params string[] groups) => IamRequest.Create("execute-api:Invoke", GetItems, null, groups.Select(g => new KeyValuePair<string, string>("lakegate:group", g)));

        Assert.Equal(IamDecision.Allow, IamEvaluator.Evaluate(any, Groups("dev", "ops")));
        Assert.Equal(IamDecision.ImplicitDeny, IamEvaluator.Evaluate(any, Groups("dev")));
        Assert.Equal(IamDecision.ImplicitDeny, IamEvaluator.Evaluate(any, Groups()));
        Assert.Equal(IamDecision.Allow, IamEvaluator.Evaluate(all, Groups("admin", "ops")));
        Assert.Equal(IamDecision.ImplicitDeny, IamEvaluator.Evaluate(all, Groups("admin", "dev")));
        Assert.Equal(IamDecision.Allow, IamEvaluator.Evaluate(all, Groups()));
    }

    [Theory]
    [InlineData("""{"Statement":{"Effect":"Permit","Action":"*","Resource":"*"}}""", "Effect: expected Allow or Deny")]
    [InlineData("""{"Statement":{"Effect":"Allow","Resource":"*"}}""", "exactly one of Action or NotAction")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"*"}}""", "exactly one of Resource or NotResource")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01"}}}}""", "unsupported condition operator 'DateGreaterThan'")]
    [InlineData("""{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/33"}}}}""", "not an IP address or CIDR")]
    [InlineData("""{"Statement":{"Effect":"Allow","NotPrincipal":{"AWS":"1"},"Action":"*","Resource":"*"}}""", "NotPrincipal: not supported")]
    [InlineData("""{"Statment":[]}""", "unknown key 'Statment'")]
    [InlineData("""{"Statement":[""", "not valid JSON")]
    public void Parse_InvalidPolicy_ReportsWhatAndWhere(string json, string expected)
    {
        var errors = new List<string>();

        Assert.Null(IamPolicy.Parse(json, errors));
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(IamDecision.Allow, IamDecision.Allow, true, IamDecision.Allow)]
    [InlineData(IamDecision.Allow, IamDecision.ImplicitDeny, true, IamDecision.Allow)]
    [InlineData(IamDecision.ImplicitDeny, IamDecision.Allow, true, IamDecision.Allow)]
    [InlineData(IamDecision.ImplicitDeny, IamDecision.ImplicitDeny, true, IamDecision.ImplicitDeny)]
    [InlineData(IamDecision.Allow, IamDecision.ExplicitDeny, true, IamDecision.ExplicitDeny)]
    [InlineData(IamDecision.ExplicitDeny, IamDecision.Allow, true, IamDecision.ExplicitDeny)]
    [InlineData(IamDecision.Allow, IamDecision.Allow, false, IamDecision.Allow)]
    [InlineData(IamDecision.Allow, IamDecision.ImplicitDeny, false, IamDecision.ImplicitDeny)]
    [InlineData(IamDecision.ImplicitDeny, IamDecision.Allow, false, IamDecision.ImplicitDeny)]
    [InlineData(IamDecision.Allow, IamDecision.ExplicitDeny, false, IamDecision.ExplicitDeny)]
    public void Combine_IdentityAndResourcePolicy_FollowsTablesAAndB(IamDecision identity, IamDecision resource, bool sameAccount, IamDecision expected)
    {
        Assert.Equal(expected, IamEvaluator.Combine(identity, resource, sameAccount));
    }

    [Fact]
    public void MethodArn_OverTheLimit_IsTooLong()
    {
        var ok = ExecuteApiArn.Method("us-east-1", "000000000000", "shop", "prod", "GET", "/" + new string('a', 1500));
        var tooLong = ExecuteApiArn.Method("us-east-1", "000000000000", "shop", "prod", "GET", "/" + new string('a', 1600));

        Assert.False(ExecuteApiArn.IsTooLong(ok));
        Assert.True(ExecuteApiArn.IsTooLong(tooLong));
        Assert.EndsWith("/prod/GET/", ExecuteApiArn.Method("us-east-1", "000000000000", "shop", "prod", "GET", "/"), StringComparison.Ordinal);
    }
}
