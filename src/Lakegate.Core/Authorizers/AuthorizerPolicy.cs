using System.Text.Json;

namespace Lakegate.Core.Authorizers;

/// <summary>
/// The IAM policy a Lambda authorizer returned, parsed once (and cached with the result), then
/// evaluated for each request's method ARN: an explicit Deny wins, else an Allow must match, else
/// implicit deny. Only <c>execute-api:Invoke</c> (or a wildcard covering it) counts as an action.
/// </summary>
public sealed class AuthorizerPolicy
{
    private const string InvokeAction = "execute-api:Invoke";

    private readonly Statement[] _statements;

    private AuthorizerPolicy(Statement[] statements) => _statements = statements;

    private sealed record Statement(bool Allow, string[] Actions, string[] Resources);

    /// <summary>An Allow-all policy for authorizers that answer without one (HTTP API simple responses).</summary>
    public static AuthorizerPolicy AllowAll { get; } = new([new Statement(true, ["*"], ["*"])]);

    /// <summary>Parses a <c>policyDocument</c>; null with <paramref name="problem"/> when it is not one.</summary>
    public static AuthorizerPolicy? Parse(JsonElement document, out string? problem)
    {
        problem = null;
        if (document.ValueKind != JsonValueKind.Object)
        {
            problem = "policyDocument is not an object";
            return null;
        }

        if (!TryGetProperty(document, "Statement", out var statementNode))
        {
            problem = "policyDocument has no Statement";
            return null;
        }

        var statements = new List<Statement>();
        var items = statementNode.ValueKind == JsonValueKind.Array ? statementNode.EnumerateArray().ToArray() : [statementNode];
        foreach (var item in items)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                problem = "a Statement is not an object";
                return null;
            }

            if (!TryGetProperty(item, "Effect", out var effect) || effect.ValueKind != JsonValueKind.String
                || effect.GetString() is not ("Allow" or "Deny"))
            {
                problem = "a Statement's Effect is not Allow or Deny";
                return null;
            }

            if (!TryGetProperty(item, "Action", out var action) || StringsOf(action) is not { } actions
                || !TryGetProperty(item, "Resource", out var resource) || StringsOf(resource) is not { } resources)
            {
                problem = "a Statement needs Action and Resource (strings or lists of strings)";
                return null;
            }

            statements.Add(new Statement(effect.GetString() == "Allow", actions, resources));
        }

        return new AuthorizerPolicy([.. statements]);
    }

    public PolicyDecision Evaluate(string methodArn)
    {
        var allowed = false;
        foreach (var statement in _statements)
        {
            if (!Covers(statement, methodArn))
            {
                continue;
            }

            if (!statement.Allow)
            {
                return PolicyDecision.ExplicitDeny;
            }

            allowed = true;
        }

        return allowed ? PolicyDecision.Allow : PolicyDecision.ImplicitDeny;
    }

    private static bool Covers(Statement statement, string methodArn)
    {
        var action = false;
        foreach (var pattern in statement.Actions)
        {
            // Action names are case-insensitive in IAM; resource ARNs are not.
            if (IamWildcard.IsMatch(pattern, InvokeAction, StringComparison.OrdinalIgnoreCase))
            {
                action = true;
                break;
            }
        }

        if (!action)
        {
            return false;
        }

        foreach (var pattern in statement.Resources)
        {
            if (IamWildcard.IsMatch(pattern, methodArn))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>IAM element names are matched case-sensitively by AWS's parser; lambdas in the wild use these spellings.</summary>
    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value) => element.TryGetProperty(name, out value);

    private static string[]? StringsOf(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return [element.GetString()!];
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            return null;
        }

        var list = new string[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            list[i++] = item.GetString()!;
        }

        return list;
    }
}
