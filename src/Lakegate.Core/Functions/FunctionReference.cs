using System.Text.Json;
using System.Text.RegularExpressions;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Functions;

/// <summary>
/// Which declared function an integration names: <c>function: NAME</c> (kept in
/// <see cref="IntegrationDefinition.Extras"/>), or an API Gateway Lambda URI
/// <c>arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/arn:aws:lambda:{region}:{account}:function:NAME[:alias]/invocations</c>
/// (or the bare function ARN). The alias or version qualifier is accepted and ignored: a declared
/// function has one version, <c>$LATEST</c>.
/// </summary>
public static partial class FunctionReference
{
    public const string ExtrasKey = "function";

    /// <summary>How the integration named its function, for messages.</summary>
    public enum Source
    {
        None,
        FunctionKey,
        Uri,
    }

    /// <summary>The function name (may hold <c>${stageVariables.x}</c> when the URI does), or null when the integration names none.</summary>
    public static string? Resolve(IntegrationDefinition integration, out Source source)
    {
        ArgumentNullException.ThrowIfNull(integration);
        if (integration.Extras.TryGetValue(ExtrasKey, out var element) && element.ValueKind == JsonValueKind.String)
        {
            source = Source.FunctionKey;
            return element.GetString();
        }

        source = Source.None;
        if (integration.Uri is not { } uri)
        {
            return null;
        }

        var name = FromArn(uri);
        if (name is not null)
        {
            source = Source.Uri;
        }

        return name;
    }

    /// <summary>The function name in an API Gateway Lambda integration URI or a Lambda function ARN, else null.</summary>
    public static string? FromArn(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var match = InvocationUri().Match(uri);
        if (!match.Success)
        {
            match = FunctionArn().Match(uri);
        }

        return match.Success ? match.Groups["name"].Value : null;
    }

    /// <summary>Lambda function names (what a declaration may use).</summary>
    public static bool IsValidName(string name) => ValidName().IsMatch(name);

    /// <summary>
    /// Substitutes <c>${stageVariables.x}</c> in a function name for one request; null when a
    /// placeholder has no value (the request then fails: there is no function to call).
    /// </summary>
    public static string? Expand(string name, IReadOnlyDictionary<string, string> stageVariables)
    {
        if (!name.Contains("${stageVariables.", StringComparison.Ordinal))
        {
            return name;
        }

        foreach (var (variable, value) in stageVariables)
        {
            name = name.Replace("${stageVariables." + variable + "}", value, StringComparison.Ordinal);
        }

        return name.Contains("${", StringComparison.Ordinal) ? null : name;
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:apigateway:[^:]*:lambda:path/2015-03-31/functions/arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:(?<name>[^:/]+)(:[^/]+)?/invocations$")]
    private static partial Regex InvocationUri();

    [GeneratedRegex(@"^arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:(?<name>[^:/]+)(:[^/]+)?$")]
    private static partial Regex FunctionArn();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ValidName();
}
