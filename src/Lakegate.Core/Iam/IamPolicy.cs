using System.Text.Json;

namespace Lakegate.Core.Iam;

/// <summary>
/// A parsed IAM policy document (identity or resource policy). Parsing collects every problem
/// instead of stopping at the first; a policy with errors is refused whole, never half-applied.
/// </summary>
public sealed class IamPolicy
{
    private static readonly HashSet<string> PolicyKeys = ["Version", "Id", "Statement"];
    private static readonly HashSet<string> StatementKeys = ["Sid", "Effect", "Principal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    private IamPolicy(IReadOnlyList<IamStatement> statements) => Statements = statements;

    public IReadOnlyList<IamStatement> Statements { get; }

    /// <summary>
    /// Parses a policy. <paramref name="executeApiArn"/> (<c>arn:aws:execute-api:{region}:{account}:{apiId}</c>)
    /// expands API Gateway's shorthand resources <c>execute-api:/{stage}/{METHOD}/{path}</c>, as AWS does on save.
    /// </summary>
    public static IamPolicy? Parse(JsonElement document, ICollection<string> errors, string? executeApiArn = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        if (document.ValueKind == JsonValueKind.String)
        {
            // OpenAPI exports sometimes carry the policy as an escaped JSON string.
            try
            {
                using var inner = JsonDocument.Parse(document.GetString()!);
                return Parse(inner.RootElement.Clone(), errors, executeApiArn);
            }
            catch (JsonException)
            {
                errors.Add("policy: not a JSON object");
                return null;
            }
        }

        if (document.ValueKind != JsonValueKind.Object)
        {
            errors.Add("policy: expected a JSON object with Statement");
            return null;
        }

        foreach (var property in document.EnumerateObject())
        {
            if (!PolicyKeys.Contains(property.Name))
            {
                errors.Add($"policy: unknown key '{property.Name}'");
            }
        }

        if (document.TryGetProperty("Version", out var version) && version.ValueKind == JsonValueKind.String
            && version.GetString() is not ("2012-10-17" or "2008-10-17"))
        {
            errors.Add("policy.Version: expected 2012-10-17");
        }

        var statements = new List<IamStatement>();
        if (!document.TryGetProperty("Statement", out var statementNode))
        {
            errors.Add("policy: Statement is required");
        }
        else if (statementNode.ValueKind == JsonValueKind.Object)
        {
            ParseStatement(statementNode, "policy.Statement", executeApiArn, statements, errors);
        }
        else if (statementNode.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in statementNode.EnumerateArray())
            {
                ParseStatement(item, $"policy.Statement[{i++}]", executeApiArn, statements, errors);
            }
        }
        else
        {
            errors.Add("policy.Statement: expected an object or an array of objects");
        }

        return errors.Count > before ? null : new IamPolicy(statements);
    }

    /// <summary>Parses JSON text; a syntax error is reported, never thrown.</summary>
    public static IamPolicy? Parse(string json, ICollection<string> errors, string? executeApiArn = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement, errors, executeApiArn);
        }
        catch (JsonException e)
        {
            errors.Add($"policy: not valid JSON (line {e.LineNumber + 1})");
            return null;
        }
    }

    private static void ParseStatement(JsonElement node, string path, string? executeApiArn, List<IamStatement> statements, ICollection<string> errors)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: expected an object");
            return;
        }

        var before = errors.Count;
        foreach (var property in node.EnumerateObject())
        {
            if (!StatementKeys.Contains(property.Name))
            {
                errors.Add(property.Name == "NotPrincipal"
                    ? $"{path}.NotPrincipal: not supported; use Principal with a Condition"
                    : $"{path}: unknown key '{property.Name}'");
            }
        }

        IamEffect effect = IamEffect.Allow;
        switch (node.TryGetProperty("Effect", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null)
        {
            case "Allow":
                break;
            case "Deny":
                effect = IamEffect.Deny;
                break;
            default:
                errors.Add($"{path}.Effect: expected Allow or Deny");
                break;
        }

        var (actions, notAction) = Pair(node, "Action", "NotAction", path, errors);
        var (resources, notResource) = Pair(node, "Resource", "NotResource", path, errors);
        if (executeApiArn is not null)
        {
            resources = [.. resources.Select(r => r.StartsWith("execute-api:/", StringComparison.Ordinal) ? executeApiArn + r["execute-api:".Length..] : r)];
        }

        var anyPrincipal = false;
        IReadOnlyList<string>? principals = null;
        if (node.TryGetProperty("Principal", out var principal))
        {
            if (principal.ValueKind == JsonValueKind.String && principal.GetString() == "*")
            {
                anyPrincipal = true;
                principals = [];
            }
            else if (principal.ValueKind == JsonValueKind.Object)
            {
                var list = new List<string>();
                foreach (var kind in principal.EnumerateObject())
                {
                    var values = Strings(kind.Value, $"{path}.Principal.{kind.Name}", errors);
                    if (kind.Name == "AWS")
                    {
                        anyPrincipal |= values.Contains("*");
                        list.AddRange(values);
                    }

                    // Service, Federated and CanonicalUser principals never call a Lakegate API: kept, never matched.
                }

                principals = list;
            }
            else
            {
                errors.Add($"{path}.Principal: expected \"*\" or {{\"AWS\": [...]}}");
            }
        }

        var conditions = new List<IamCondition>();
        if (node.TryGetProperty("Condition", out var condition))
        {
            if (condition.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path}.Condition: expected an object");
            }
            else
            {
                foreach (var op in condition.EnumerateObject())
                {
                    if (op.Value.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add($"{path}.Condition.{op.Name}: expected an object of condition keys");
                        continue;
                    }

                    foreach (var key in op.Value.EnumerateObject())
                    {
                        var values = Strings(key.Value, $"{path}.Condition.{op.Name}.{key.Name}", errors, allowScalars: true);
                        var created = IamCondition.Create(op.Name, key.Name, values, out var error);
                        if (created is null)
                        {
                            errors.Add($"{path}.Condition: {error}");
                        }
                        else
                        {
                            conditions.Add(created);
                        }
                    }
                }
            }
        }

        if (errors.Count > before)
        {
            return;
        }

        statements.Add(new IamStatement
        {
            Sid = node.TryGetProperty("Sid", out var sid) && sid.ValueKind == JsonValueKind.String ? sid.GetString() : null,
            Effect = effect,
            AnyPrincipal = anyPrincipal,
            Principals = principals,
            Actions = actions,
            NotAction = notAction,
            Resources = resources,
            NotResource = notResource,
            Conditions = conditions,
        });
    }

    private static (IReadOnlyList<string> Values, bool Negated) Pair(JsonElement node, string name, string notName, string path, ICollection<string> errors)
    {
        var has = node.TryGetProperty(name, out var positive);
        var hasNot = node.TryGetProperty(notName, out var negative);
        if (has == hasNot)
        {
            errors.Add($"{path}: give exactly one of {name} or {notName}");
            return ([], false);
        }

        return has ? (Strings(positive, $"{path}.{name}", errors), false) : (Strings(negative, $"{path}.{notName}", errors), true);
    }

    private static List<string> Strings(JsonElement node, string path, ICollection<string> errors, bool allowScalars = false)
    {
        var values = new List<string>();
        void Add(JsonElement item)
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                values.Add(item.GetString()!);
            }
            else if (allowScalars && item.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                // Condition values may be written as JSON booleans/numbers ("Bool": {"aws:SecureTransport": false}).
                values.Add(item.ValueKind == JsonValueKind.Number ? item.GetRawText() : item.ValueKind == JsonValueKind.True ? "true" : "false");
            }
            else
            {
                errors.Add($"{path}: expected a string or an array of strings");
            }
        }

        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
            {
                Add(item);
            }

            if (values.Count == 0)
            {
                errors.Add($"{path}: must not be empty");
            }
        }
        else
        {
            Add(node);
        }

        return values;
    }
}
