using System.Globalization;
using System.Text.RegularExpressions;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Mapping;

/// <summary>
/// Picks the integration response for a backend outcome (reference §1.7): each <c>selectionPattern</c>
/// is a Java regex that must match the WHOLE subject (the backend status as text, or a Lambda
/// <c>errorMessage</c>); the response without a pattern is the default. Compiled once.
/// </summary>
public sealed class IntegrationResponseSelector
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    private readonly (Regex Pattern, IntegrationResponseModel Response)[] _patterns;
    private readonly IntegrationResponseModel? _default;

    private IntegrationResponseSelector((Regex, IntegrationResponseModel)[] patterns, IntegrationResponseModel? fallback)
    {
        _patterns = patterns;
        _default = fallback;
    }

    public bool IsEmpty => _patterns.Length == 0 && _default is null;

    public static IntegrationResponseSelector Compile(IReadOnlyList<IntegrationResponseDefinition> responses, string owner, List<string> errors)
    {
        var patterns = new List<(Regex, IntegrationResponseModel)>();
        IntegrationResponseModel? fallback = null;
        foreach (var response in responses)
        {
            if (!int.TryParse(response.StatusCode, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status is < 100 or > 599)
            {
                errors.Add($"{owner}: integration response statusCode '{response.StatusCode}' is not an HTTP status");
                continue;
            }

            var parameters = new List<ResponseParameterMapping>();
            foreach (var (destination, source) in response.ResponseParameters)
            {
                if (ResponseParameterMapping.TryParse(destination, source, out var mapping, out var error))
                {
                    parameters.Add(mapping!);
                }
                else
                {
                    errors.Add($"{owner}: {error}");
                }
            }

            var model = new IntegrationResponseModel(status, parameters, TemplateSet.Compile(response.ResponseTemplates, $"{owner} response {status}", errors))
            {
                ContentHandling = ContentHandlingModes.Parse(response.ContentHandling),
            };
            if (string.IsNullOrEmpty(response.SelectionPattern) || response.SelectionPattern == "default")
            {
                fallback ??= model;
                continue;
            }

            try
            {
                patterns.Add((new Regex($"^(?:{response.SelectionPattern})$", RegexOptions.CultureInvariant, RegexTimeout), model));
            }
            catch (ArgumentException)
            {
                errors.Add($"{owner}: selectionPattern '{response.SelectionPattern}' is not a valid regular expression");
            }
        }

        return new IntegrationResponseSelector([.. patterns], fallback);
    }

    /// <summary>The response whose pattern matches <paramref name="subject"/>, else the default, else null.</summary>
    public IntegrationResponseModel? Select(string? subject)
    {
        if (subject is not null)
        {
            foreach (var (pattern, response) in _patterns)
            {
                try
                {
                    if (pattern.IsMatch(subject))
                    {
                        return response;
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    // A pathological pattern on a hostile subject counts as no match.
                }
            }
        }

        return _default;
    }
}
