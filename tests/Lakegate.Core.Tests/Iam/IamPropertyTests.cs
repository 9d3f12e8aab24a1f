using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lakegate.Core.Iam;

namespace Lakegate.Core.Tests.Iam;

/// <summary>Properties of IAM evaluation over generated policies and requests (FsCheck).</summary>
public sealed class IamPropertyTests
{
    private const string Api = "arn:aws:execute-api:us-east-1:000000000000:shop";

    private static readonly string[] Resources = ["*", Api + "/*", Api + "/prod/*", Api + "/*/GET/*", Api + "/prod/GET/items", Api + "/dev/POST/?tems", "arn:aws:execute-api:*:*:other/*"];
    private static readonly string[] Actions = ["*", "execute-api:*", "execute-api:Invoke", "execute-api:InvalidateCache", "s3:GetObject"];
    private static readonly string[] Principals = ["\"*\"", "{\"AWS\":\"000000000000\"}", "{\"AWS\":[\"arn:aws:iam::111111111111:user/bob\"]}"];
    private static readonly string[] Conditions =
    [
        "",
        ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}",
        ",\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":[\"10.1.0.0/16\",\"2001:db8::/32\"]}}",
        ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalAccount\":\"000000000000\"}}",
        ",\"Condition\":{\"StringNotLike\":{\"aws:username\":\"a*\"}}",
    ];

    private static readonly string[] RequestResources = [Api + "/prod/GET/items", Api + "/dev/POST/items", Api + "/prod/GET/", "arn:aws:execute-api:eu-west-1:1:other/x/GET/y"];
    private static readonly string[] RequestActions = ["execute-api:Invoke", "execute-api:InvalidateCache"];
    private static readonly string[] Ips = ["10.1.2.3", "10.2.0.1", "192.168.1.1", "2001:db8::5"];
    private static readonly IamPrincipal?[] Callers = [null, IamPrincipal.User("000000000000", "alice"), IamPrincipal.User("111111111111", "bob")];

    private static Gen<string> Statement(string effect) =>
        from resource in Gen.Elements(Resources)
        from action in Gen.Elements(Actions)
        from principal in Gen.Elements(Principals)
        from condition in Gen.Elements(Conditions)
        from not in Gen.Elements(false, true)
        select $$"""{"Effect":"{{effect}}","Principal":{{principal}},"{{(not ? "NotAction" : "Action")}}":"{{action}}","Resource":"{{resource}}"{{condition}}}""";

    private static Gen<List<string>> Statements =>
        from count in Gen.Choose(0, 5)
        from list in Gen.ListOf(Gen.Elements("Allow", "Deny").SelectMany(Statement), count)
        select list.ToList();

    private static Gen<IamRequest> Requests =>
        from resource in Gen.Elements(RequestResources)
        from action in Gen.Elements(RequestActions)
        from ip in Gen.Elements(Ips)
        from caller in Gen.Elements(Callers)
        select IamRequest.Create(action, resource, caller, [new("aws:SourceIp", ip)]);

    private static IamPolicy Policy(IEnumerable<string> statements)
    {
        var errors = new List<string>();
        var policy = IamPolicy.Parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}", errors);
        return policy ?? throw new InvalidOperationException(string.Join("; ", errors));
    }

    [Property(MaxTest = 500)]
    public Property AddingADeny_NeverGrantsAccess() =>
        Prop.ForAll(
            Statements.ToArbitrary(),
            Statement("Deny").ToArbitrary(),
            Requests.ToArbitrary(),
            (statements, deny, request) =>
            {
                var before = IamEvaluator.Evaluate(Policy(statements), request);
                var after = IamEvaluator.Evaluate(Policy([.. statements, deny]), request);
                return (after != IamDecision.Allow || before == IamDecision.Allow) && (before != IamDecision.ExplicitDeny || after == IamDecision.ExplicitDeny);
            });

    [Property(MaxTest = 500)]
    public Property AddingAnAllow_NeverLiftsAnExplicitDeny() =>
        Prop.ForAll(
            Statements.ToArbitrary(),
            Statement("Allow").ToArbitrary(),
            Requests.ToArbitrary(),
            (statements, allow, request) =>
                IamEvaluator.Evaluate(Policy(statements), request) != IamDecision.ExplicitDeny
                || IamEvaluator.Evaluate(Policy([allow, .. statements]), request) == IamDecision.ExplicitDeny);

    [Property(MaxTest = 300)]
    public Property StatementOrder_DoesNotMatter() =>
        Prop.ForAll(
            Statements.ToArbitrary(),
            Requests.ToArbitrary(),
            (statements, request) =>
            {
                var reversed = Enumerable.Reverse(statements).ToList();
                return IamEvaluator.Evaluate(Policy(statements), request) == IamEvaluator.Evaluate(Policy(reversed), request);
            });

    [Property(MaxTest = 300)]
    public Property SplittingIntoSeveralPolicies_GivesTheSameDecision() =>
        Prop.ForAll(
            Statements.ToArbitrary(),
            Requests.ToArbitrary(),
            (statements, request) =>
                IamEvaluator.Evaluate(Policy(statements), request) == IamEvaluator.Evaluate(statements.Select(s => Policy([s])), request));

    [Property(MaxTest = 500)]
    public Property Combine_NeverAllowsWhenEitherSideDenies() =>
        Prop.ForAll(
            Gen.Elements(Enum.GetValues<IamDecision>()).ToArbitrary(),
            Gen.Elements(Enum.GetValues<IamDecision>()).ToArbitrary(),
            Gen.Elements(false, true).ToArbitrary(),
            (identity, resource, sameAccount) =>
            {
                var combined = IamEvaluator.Combine(identity, resource, sameAccount);
                var anyDeny = identity == IamDecision.ExplicitDeny || resource == IamDecision.ExplicitDeny;
                return anyDeny ? combined == IamDecision.ExplicitDeny : combined != IamDecision.ExplicitDeny
                    && (combined != IamDecision.Allow || identity == IamDecision.Allow || resource == IamDecision.Allow);
            });

    [Property(MaxTest = 1000)]
    public Property Wildcard_LiteralTextMatchesItselfAndStarMatchesAnySuffix(NonNull<string> prefix, NonNull<string> suffix)
    {
        var literal = prefix.Get.Replace("*", string.Empty, StringComparison.Ordinal).Replace("?", string.Empty, StringComparison.Ordinal);
        return (IamWildcard.IsMatch(literal, literal)
                && IamWildcard.IsMatch(literal + "*", literal + suffix.Get)
                && IamWildcard.IsMatch("*", suffix.Get)
                && (suffix.Get.Length == 0 || !IamWildcard.IsMatch(literal, literal + suffix.Get)))
            .ToProperty();
    }
}
