namespace Lakegate.Core.Authorizers;

/// <summary>
/// One identity source: <c>method.request.header.X</c> (REST) or <c>$request.header.X</c> (HTTP API),
/// the same for <c>querystring</c>, <c>stageVariables.X</c> and <c>context.X</c>. Both spellings
/// are accepted for both kinds of API.
/// </summary>
public sealed record IdentitySource(IdentitySourceLocation Location, string Name)
{
    /// <summary>Parses one entry; null (with <paramref name="error"/>) when it names no supported source.</summary>
    public static IdentitySource? Parse(string text, out string? error)
    {
        error = null;
        var value = text.Trim();
        foreach (var (prefix, location) in Prefixes)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                var name = value[prefix.Length..];
                if (name.Length == 0)
                {
                    error = $"'{value}' names no {prefix.TrimEnd('.')} value";
                    return null;
                }

                return new IdentitySource(location, name);
            }
        }

        error = value.StartsWith("method.request.path.", StringComparison.Ordinal) || value.StartsWith("$request.path.", StringComparison.Ordinal)
            ? $"'{value}': path parameters cannot be identity sources"
            : $"'{value}': expected method.request.header.X, method.request.querystring.X, stageVariables.X or context.X ($request.header.X, $request.querystring.X, $stageVariables.X, $context.X for HTTP APIs)";
        return null;
    }

    private static readonly (string Prefix, IdentitySourceLocation Location)[] Prefixes =
    [
        ("method.request.header.", IdentitySourceLocation.Header),
        ("method.request.querystring.", IdentitySourceLocation.QueryString),
        ("stageVariables.", IdentitySourceLocation.StageVariable),
        ("context.", IdentitySourceLocation.Context),
        ("$request.header.", IdentitySourceLocation.Header),
        ("$request.querystring.", IdentitySourceLocation.QueryString),
        ("$stageVariables.", IdentitySourceLocation.StageVariable),
        ("$context.", IdentitySourceLocation.Context),
    ];

    public override string ToString() => Location switch
    {
        IdentitySourceLocation.Header => "method.request.header." + Name,
        IdentitySourceLocation.QueryString => "method.request.querystring." + Name,
        IdentitySourceLocation.StageVariable => "stageVariables." + Name,
        _ => "context." + Name,
    };
}
