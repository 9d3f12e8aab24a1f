namespace Lakegate.Core.Iam;

/// <summary>
/// One authorization question: may <see cref="Principal"/> (null = anonymous) perform
/// <see cref="Action"/> on <see cref="Resource"/>, given the condition keys in <see cref="Context"/>
/// (<c>aws:SourceIp</c>, <c>aws:PrincipalArn</c>, ...; keys compare case-insensitively, a key may have several values).
/// </summary>
public sealed record IamRequest(string Action, string Resource, IamPrincipal? Principal, IReadOnlyDictionary<string, IReadOnlyList<string>> Context)
{
    /// <summary>The condition keys IAM derives from the principal, merged over <paramref name="context"/>.</summary>
    public static IamRequest Create(string action, string resource, IamPrincipal? principal, IEnumerable<KeyValuePair<string, string>> context)
    {
        var keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in context)
        {
            keys[key] = keys.TryGetValue(key, out var existing) ? [.. existing, value] : [value];
        }

        if (principal is not null)
        {
            keys["aws:PrincipalArn"] = [principal.Arn];
            keys["aws:PrincipalAccount"] = [principal.AccountId];
            keys["aws:PrincipalType"] = [principal.UserName is null ? "Account" : "User"];
            if (principal.UserName is { } user)
            {
                keys["aws:username"] = [user];
                keys["aws:userid"] = [user];
            }
        }

        return new IamRequest(action, resource, principal, keys);
    }
}
