using System.Text.RegularExpressions;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>Stage names (they are URL segments), stage variables (API Gateway's own limits) and canary settings.</summary>
internal sealed partial class StageValidator : IDefinitionValidator
{
    private const int MaxVariables = 100;
    private const int MaxNameLength = 64;
    private const int MaxValueLength = 512;

    /// <summary><c>*/*</c>, or <c>/path/METHOD</c> naming a route of the api (<c>*</c> = any method).</summary>
    private static void CheckMethodSettingKey(ApiDefinition api, string key, SourcePosition? position, string label, ICollection<Diagnostic> diagnostics)
    {
        if (key == MethodThrottleKey.AllMethods)
        {
            return;
        }

        if (!MethodThrottleKey.TrySplit(key, out var path, out var method))
        {
            diagnostics.Add(Diagnostic.Error(position, $"{label}: expected */* or /path/METHOD, for example /items/{{id}}/GET (root: //GET)"));
            return;
        }

        if (!api.Routes.Any(r => r.Path == path && (method == "*" || r.Method == method || r.Method == RouteDefinition.AnyMethod)))
        {
            diagnostics.Add(Diagnostic.Error(position, $"{label}: api '{api.Id}' has no route {method} {path}"));
        }
    }

    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        var apiIds = config.Apis.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<(string Api, string Stage)>();
        foreach (var stage in config.Stages)
        {
            var label = $"api {stage.ApiId}: stage '{stage.Name}'";
            if (!apiIds.Contains(stage.ApiId))
            {
                diagnostics.Add(Diagnostic.Error(stage.Position, $"{label}: api '{stage.ApiId}' is not declared"));
            }

            if (stage.Name.StartsWith('_'))
            {
                diagnostics.Add(Diagnostic.Error(stage.Position, $"{label}: stage names beginning with '_' are reserved"));
            }
            else if (stage.Name != StageDefinition.DefaultStageName && !NamePattern().IsMatch(stage.Name))
            {
                diagnostics.Add(Diagnostic.Error(stage.Position, $"{label}: expected 1 to 128 letters, digits, '-' or '_', or $default"));
            }

            if (!seen.Add((stage.ApiId, stage.Name)))
            {
                diagnostics.Add(Diagnostic.Error(stage.Position, $"{label} is declared more than once"));
            }

            CheckVariables(stage.Variables, $"{label}: variables", stage.Position, diagnostics);
            if (config.Apis.FirstOrDefault(a => a.Id == stage.ApiId) is { } api)
            {
                foreach (var (key, throttle) in stage.MethodSettings)
                {
                    CheckMethodSettingKey(api, key, throttle.Position ?? stage.Position, $"{label}: methodSettings '{key}'", diagnostics);
                }
            }

            if (stage.Canary is { } canary)
            {
                if (canary.PercentTraffic is < 0 or > 100 || double.IsNaN(canary.PercentTraffic))
                {
                    diagnostics.Add(Diagnostic.Error(canary.Position ?? stage.Position, $"{label}: canary.percentTraffic must be within 0..100"));
                }

                CheckVariables(canary.StageVariableOverrides, $"{label}: canary.stageVariableOverrides", canary.Position ?? stage.Position, diagnostics);
            }
        }
    }

    private static void CheckVariables(IReadOnlyDictionary<string, string> variables, string label, SourcePosition? position, ICollection<Diagnostic> diagnostics)
    {
        if (variables.Count > MaxVariables)
        {
            diagnostics.Add(Diagnostic.Error(position, $"{label}: at most {MaxVariables} stage variables are allowed"));
        }

        foreach (var (name, value) in variables)
        {
            if (!VariableName().IsMatch(name) || name.Length > MaxNameLength)
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: name '{name}': expected 1 to {MaxNameLength} letters, digits or '_'"));
            }

            if (value.Length > MaxValueLength || !VariableValue().IsMatch(value))
            {
                diagnostics.Add(Diagnostic.Error(position, $"{label}: value of '{name}': expected 1 to {MaxValueLength} characters of A-Z a-z 0-9 - . _ ~ : / ? # & = ,"));
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"^[A-Za-z0-9\-._~:/?#&=,]+$")]
    private static partial Regex VariableValue();
}
