using System.Security.Cryptography;
using System.Text;
using Lakegate.Core.Authorizers;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Steps.Authorize;

/// <summary>Reads an authorizer's identity sources from a request; any missing or empty one means 401 without invoking.</summary>
internal static class IdentityValues
{
    /// <summary>The values in declaration order, or null when one is missing or blank.</summary>
    public static string[]? Read(GatewayContext context, IReadOnlyList<IdentitySource> sources)
    {
        var values = new string[sources.Count];
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var value = source.Location switch
            {
                IdentitySourceLocation.Header => Join(context.Http.Request.Headers[source.Name]),
                IdentitySourceLocation.QueryString => Join(context.Http.Request.Query[source.Name]),
                IdentitySourceLocation.StageVariable => context.StageVariables.GetValueOrDefault(source.Name),
                _ => context.GetContextVariable(source.Name),
            };
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            values[i] = value;
        }

        return values;
    }

    /// <summary>
    /// The cache key: which stage, authorizer and deployment, then a hash of the values (so tokens
    /// are not kept as keys). Values are length-prefixed, so no two different lists hash alike.
    /// </summary>
    public static string CacheKey(string prefix, string[] values)
    {
        var builder = new StringBuilder();
        foreach (var value in values)
        {
            builder.Append(value.Length).Append(':').Append(value).Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()));
        return prefix + Convert.ToHexStringLower(hash);
    }

    private static string? Join(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => string.Join(',', values.ToArray()),
        };
}
