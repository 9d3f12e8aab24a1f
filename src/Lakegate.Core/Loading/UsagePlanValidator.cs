using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// API keys and usage plans: unique names and values, plans that point at declared api stages,
/// keys and routes, and API Gateway's rule that a key sits in at most one plan per api stage.
/// Messages name keys, never their values.
/// </summary>
internal sealed class UsagePlanValidator : IDefinitionValidator
{
    /// <summary>API Gateway's bounds for a key value (its guides say 20 or 30; the lower one is taken).</summary>
    public const int MinKeyLength = 20;

    public const int MaxKeyLength = 128;

    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        foreach (var api in config.Apis.Where(a => a.Kind == ApiKind.Http))
        {
            foreach (var route in api.Routes.Where(r => r.ApiKeyRequired))
            {
                // Never skip a security setting silently: say that it does nothing here.
                diagnostics.Add(Diagnostic.Warning(route.Position, $"route {route.RouteKey}: apiKeyRequired has no effect on HTTP APIs (API Gateway has no API keys there); the route serves without a key"));
            }
        }

        var keyNames = new HashSet<string>(StringComparer.Ordinal);
        var keyValues = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in config.ApiKeys)
        {
            var label = $"api key {key.Name}";
            if (string.IsNullOrWhiteSpace(key.Name) || key.Name.Length > 1024)
            {
                diagnostics.Add(Diagnostic.Error(key.Position, $"{label}: the name must be 1 to 1024 characters"));
            }

            if (!keyNames.Add(key.Name))
            {
                diagnostics.Add(Diagnostic.Error(key.Position, $"{label} is declared more than once"));
            }

            if (key.Value.Length is < MinKeyLength or > MaxKeyLength || key.Value.Any(char.IsControl))
            {
                diagnostics.Add(Diagnostic.Error(key.Position, $"{label}: the value must be {MinKeyLength} to {MaxKeyLength} printable characters"));
            }
            else if (!keyValues.Add(key.Value))
            {
                diagnostics.Add(Diagnostic.Error(key.Position, $"{label}: another key has the same value; values must be unique"));
            }
        }

        // Duplicate api ids are ApiValidator's to report; the first one declared is the one checked here.
        var apis = config.Apis.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var stages = config.Stages.Select(s => (s.ApiId, s.Name)).ToHashSet();
        var planNames = new HashSet<string>(StringComparer.Ordinal);
        var keyStagePlan = new Dictionary<(string Key, string Api, string Stage), string>();
        foreach (var plan in config.UsagePlans)
        {
            var label = $"usage plan {plan.Name}";
            if (!planNames.Add(plan.Name))
            {
                diagnostics.Add(Diagnostic.Error(plan.Position, $"{label} is declared more than once"));
            }

            var planStages = new HashSet<(string, string)>();
            foreach (var apiStage in plan.ApiStages)
            {
                var position = apiStage.Position ?? plan.Position;
                if (!apis.TryGetValue(apiStage.ApiId, out var api))
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: api '{apiStage.ApiId}' is not declared"));
                    continue;
                }

                if (!stages.Contains((apiStage.ApiId, apiStage.Stage)))
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: stage '{apiStage.Stage}' is not declared by api '{apiStage.ApiId}'"));
                }

                if (!planStages.Add((apiStage.ApiId, apiStage.Stage)))
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: api stage {apiStage.ApiId}:{apiStage.Stage} is listed more than once"));
                }

                if (api.Kind != ApiKind.Rest)
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: api '{apiStage.ApiId}' is an HTTP API; usage plans apply to REST APIs only"));
                }

                foreach (var (methodKey, throttle) in apiStage.Throttle)
                {
                    ValidateMethodKey(api, methodKey, throttle.Position ?? position, $"{label}: api stage {apiStage.ApiId}:{apiStage.Stage}: throttle '{methodKey}'", diagnostics);
                }
            }

            foreach (var keyName in plan.Keys)
            {
                if (!keyNames.Contains(keyName))
                {
                    diagnostics.Add(Diagnostic.Error(plan.Position, $"{label}: api key '{keyName}' is not declared"));
                    continue;
                }

                foreach (var (apiId, stage) in planStages)
                {
                    if (keyStagePlan.TryGetValue((keyName, apiId, stage), out var other) && other != plan.Name)
                    {
                        diagnostics.Add(Diagnostic.Error(plan.Position,
                            $"{label}: api key '{keyName}' is already in usage plan '{other}' for api stage {apiId}:{stage}; a key may be in only one plan per api stage"));
                    }
                    else
                    {
                        keyStagePlan[(keyName, apiId, stage)] = plan.Name;
                    }
                }
            }
        }
    }

    private static void ValidateMethodKey(ApiDefinition api, string methodKey, SourcePosition? position, string label, ICollection<Diagnostic> diagnostics)
    {
        if (!MethodThrottleKey.TrySplit(methodKey, out var path, out var method))
        {
            diagnostics.Add(Diagnostic.Error(position, $"{label}: expected /path/METHOD, for example /items/{{id}}/GET (root: //GET)"));
            return;
        }

        var matched = api.Routes.Any(r => r.Path == path && (method == "*" || r.Method == method || r.Method == RouteDefinition.AnyMethod));
        if (!matched)
        {
            diagnostics.Add(Diagnostic.Error(position, $"{label}: api '{api.Id}' has no route {method} {path}"));
        }
    }
}
