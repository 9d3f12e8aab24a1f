using System.Text.Json;
using System.Text.RegularExpressions;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Datasets;

/// <summary>How a route names its dataset (<c>integration.dataset</c>) and which path parameters hold the dataset's key.</summary>
public static partial class DatasetReference
{
    public const string ExtrasKey = "dataset";

    /// <summary>The name in <c>integration.dataset</c>, or null.</summary>
    public static string? Name(IntegrationDefinition integration) =>
        integration.Extras.TryGetValue(ExtrasKey, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The route's path parameter names, in order (<c>{proxy+}</c> without its plus).</summary>
    public static List<string> PathParameters(string path)
    {
        var names = new List<string>();
        foreach (Match match in ParameterPattern().Matches(path))
        {
            names.Add(match.Groups[1].Value);
        }

        return names;
    }

    /// <summary>
    /// Which path parameter holds each key column: same-named ones, or the single parameter for a
    /// single-column key (<c>/inventory/{id}</c> over key sku). Null when they do not fit.
    /// </summary>
    public static IReadOnlyList<string>? KeyParameters(IReadOnlyList<string> key, IReadOnlyList<string> parameters)
    {
        if (key.Count == 1 && parameters.Count == 1)
        {
            return [parameters[0]];
        }

        return key.Count > 0 && key.Count == parameters.Count && key.All(parameters.Contains) ? key : null;
    }

    [GeneratedRegex(@"\{([^}+]+)\+?\}")]
    private static partial Regex ParameterPattern();
}
