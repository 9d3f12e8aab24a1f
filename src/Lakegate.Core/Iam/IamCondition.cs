namespace Lakegate.Core.Iam;

/// <summary>
/// One operator/key pair of a statement's <c>Condition</c> block, with its values (any of which may match).
/// Supported operators: String(Not)Equals(IgnoreCase), String(Not)Like, Arn(Not)Equals, Arn(Not)Like,
/// (Not)IpAddress, Bool, Null; each with an optional <c>ForAnyValue:</c>/<c>ForAllValues:</c> prefix and
/// <c>IfExists</c> suffix. Anything else is refused when the policy is parsed (fail closed, never ignored).
/// </summary>
public sealed class IamCondition
{
    private readonly Func<string, string, bool> _match;
    private readonly IReadOnlyList<IamAddressRange>? _ranges;
    private readonly bool _isNullCheck;

    private IamCondition(string op, string key, IReadOnlyList<string> values, bool negated, bool ifExists, SetQualifier qualifier,
        Func<string, string, bool> match, IReadOnlyList<IamAddressRange>? ranges)
    {
        Operator = op;
        Key = key;
        Values = values;
        Negated = negated;
        IfExists = ifExists;
        Qualifier = qualifier;
        _match = match;
        _ranges = ranges;
        _isNullCheck = op == "Null";
    }

    private enum SetQualifier
    {
        None,
        ForAnyValue,
        ForAllValues,
    }

    public string Operator { get; }

    public string Key { get; }

    public IReadOnlyList<string> Values { get; }

    private bool Negated { get; }

    private bool IfExists { get; }

    private SetQualifier Qualifier { get; }

    /// <summary>Builds a condition; null with <paramref name="error"/> for an unsupported operator or a bad value.</summary>
    public static IamCondition? Create(string op, string key, IReadOnlyList<string> values, out string? error)
    {
        error = null;
        var name = op;
        var qualifier = SetQualifier.None;
        if (name.StartsWith("ForAnyValue:", StringComparison.Ordinal))
        {
            qualifier = SetQualifier.ForAnyValue;
            name = name["ForAnyValue:".Length..];
        }
        else if (name.StartsWith("ForAllValues:", StringComparison.Ordinal))
        {
            qualifier = SetQualifier.ForAllValues;
            name = name["ForAllValues:".Length..];
        }

        var ifExists = name.EndsWith("IfExists", StringComparison.Ordinal) && name != "IfExists";
        if (ifExists)
        {
            name = name[..^"IfExists".Length];
        }

        IReadOnlyList<IamAddressRange>? ranges = null;
        (bool Negated, Func<string, string, bool> Match)? kind = name switch
        {
            "StringEquals" or "ArnEquals" => (false, static (p, v) => string.Equals(p, v, StringComparison.Ordinal)),
            "StringNotEquals" or "ArnNotEquals" => (true, static (p, v) => string.Equals(p, v, StringComparison.Ordinal)),
            "StringEqualsIgnoreCase" => (false, static (p, v) => string.Equals(p, v, StringComparison.OrdinalIgnoreCase)),
            "StringNotEqualsIgnoreCase" => (true, static (p, v) => string.Equals(p, v, StringComparison.OrdinalIgnoreCase)),
            "StringLike" or "ArnLike" => (false, static (p, v) => IamWildcard.IsMatch(p, v)),
            "StringNotLike" or "ArnNotLike" => (true, static (p, v) => IamWildcard.IsMatch(p, v)),
            "Bool" => (false, static (p, v) => string.Equals(p, v, StringComparison.OrdinalIgnoreCase)),
            "IpAddress" => (false, static (_, _) => false),
            "NotIpAddress" => (true, static (_, _) => false),
            "Null" => (false, static (_, _) => false),
            _ => null,
        };

        if (kind is null)
        {
            error = $"unsupported condition operator '{op}'";
            return null;
        }

        if (name is "IpAddress" or "NotIpAddress")
        {
            var parsed = new List<IamAddressRange>();
            foreach (var value in values)
            {
                if (!IamAddressRange.TryParse(value, out var range))
                {
                    error = $"{op}: '{value}' is not an IP address or CIDR range";
                    return null;
                }

                parsed.Add(range!);
            }

            ranges = parsed;
        }

        if (name == "Null" && values.Any(v => v is not ("true" or "false")))
        {
            error = $"{op}: values must be true or false";
            return null;
        }

        return new IamCondition(op, key, values, kind.Value.Negated, ifExists, qualifier, kind.Value.Match, ranges);
    }

    public bool IsSatisfied(IamRequest request)
    {
        var present = request.Context.TryGetValue(Key, out var actual) && actual.Count > 0;
        if (_isNullCheck)
        {
            // Null: "true" asks for the key to be absent, "false" for it to be present.
            return Values.Any(v => (v == "true") == !present);
        }

        if (!present)
        {
            // A missing key never matches a value: positive operators fail, negated ones hold;
            // IfExists and ForAllValues (vacuously) hold; ForAnyValue fails.
            return IfExists || Qualifier == SetQualifier.ForAllValues || (Qualifier == SetQualifier.None && Negated);
        }

        return Qualifier switch
        {
            SetQualifier.ForAllValues => actual!.All(Accepts),
            SetQualifier.ForAnyValue => actual!.Any(Accepts),

            // Single-valued semantics: a positive operator needs one request value to match; a
            // negated one needs no request value to match any listed value.
            _ => Negated ? actual!.All(Accepts) : actual!.Any(Accepts),
        };
    }

    /// <summary>One request value against the listed values: matches any (positive) or none (negated).</summary>
    private bool Accepts(string value)
    {
        var any = _ranges is not null ? _ranges.Any(r => r.Contains(value)) : Values.Any(p => _match(p, value));
        return Negated ? !any : any;
    }
}
