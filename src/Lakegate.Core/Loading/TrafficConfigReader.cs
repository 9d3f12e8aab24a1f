using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>
/// Reads the traffic part of lakegate.yaml: <c>apiKeys:</c>, <c>usagePlans:</c> and
/// <c>server.throttle</c>. As strict as the rest of the loader: unknown keys and wrong types are
/// errors with their position.
/// </summary>
internal static class TrafficConfigReader
{
    internal static readonly HashSet<string> ApiKeyKeys = ["name", "value", "valueFrom", "enabled", "customerId", "description"];
    internal static readonly HashSet<string> UsagePlanKeys = ["name", "description", "apiStages", "throttle", "quota", "keys"];
    internal static readonly HashSet<string> ApiStageKeys = ["api", "stage", "throttle"];
    internal static readonly HashSet<string> ThrottleKeys = ["rateLimit", "burstLimit"];
    internal static readonly HashSet<string> QuotaKeys = ["limit", "period", "offset"];

    private const string EnvPrefix = "env:";

    public static List<ApiKeyDefinition> ReadApiKeys(NodeReader r, SourceNode? node)
    {
        var keys = new List<ApiKeyDefinition>();
        if (r.Sequence(node, "apiKeys") is not { } list)
        {
            return keys;
        }

        for (var i = 0; i < list.Items.Count; i++)
        {
            var path = NodeReader.Index("apiKeys", i);
            if (r.Map(list.Items[i], path) is not { } map)
            {
                continue;
            }

            r.RejectUnknownKeys(map, path, ApiKeyKeys);
            var name = r.String(r.Required(map, "name", path), NodeReader.Child(path, "name"));
            var value = ReadValue(r, map, path);
            if (name is null || value is null)
            {
                continue;
            }

            keys.Add(new ApiKeyDefinition
            {
                Name = name,
                Value = value,
                Enabled = r.Bool(map["enabled"], NodeReader.Child(path, "enabled")) ?? true,
                CustomerId = r.String(map["customerId"], NodeReader.Child(path, "customerId")),
                Description = r.String(map["description"], NodeReader.Child(path, "description")),
                Position = map.Position,
            });
        }

        return keys;
    }

    public static List<UsagePlanDefinition> ReadUsagePlans(NodeReader r, SourceNode? node)
    {
        var plans = new List<UsagePlanDefinition>();
        if (r.Sequence(node, "usagePlans") is not { } list)
        {
            return plans;
        }

        for (var i = 0; i < list.Items.Count; i++)
        {
            var path = NodeReader.Index("usagePlans", i);
            if (r.Map(list.Items[i], path) is not { } map)
            {
                continue;
            }

            r.RejectUnknownKeys(map, path, UsagePlanKeys);
            var name = r.String(r.Required(map, "name", path), NodeReader.Child(path, "name"));
            var stages = new List<UsagePlanApiStageDefinition>();
            if (r.Sequence(map["apiStages"], NodeReader.Child(path, "apiStages")) is { } stageList)
            {
                for (var j = 0; j < stageList.Items.Count; j++)
                {
                    if (ReadApiStage(r, stageList.Items[j], NodeReader.Index(NodeReader.Child(path, "apiStages"), j)) is { } stage)
                    {
                        stages.Add(stage);
                    }
                }
            }

            var throttle = ReadThrottle(r, map["throttle"], NodeReader.Child(path, "throttle"));
            var quota = ReadQuota(r, map["quota"], NodeReader.Child(path, "quota"));
            var keys = r.StringList(map["keys"], NodeReader.Child(path, "keys")) ?? [];
            if (name is null)
            {
                continue;
            }

            plans.Add(new UsagePlanDefinition
            {
                Name = name,
                Description = r.String(map["description"], NodeReader.Child(path, "description")),
                ApiStages = stages,
                Throttle = throttle,
                Quota = quota,
                Keys = keys,
                Position = map.Position,
            });
        }

        return plans;
    }

    internal static readonly HashSet<string> MethodSettingKeys = ["throttlingRateLimit", "throttlingBurstLimit"];

    /// <summary>
    /// A stage's <c>methodSettings</c>: keys <c>*/*</c> or <c>/path/METHOD</c> (API Gateway's stored form
    /// <c>~1path/METHOD</c> is read too), values <c>{throttlingRateLimit, throttlingBurstLimit}</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, ThrottleDefinition> ReadMethodSettings(NodeReader r, SourceNode? node, string path)
    {
        var settings = new Dictionary<string, ThrottleDefinition>(StringComparer.Ordinal);
        if (r.Map(node, path) is not { } map)
        {
            return settings;
        }

        foreach (var entry in map.Entries)
        {
            var entryPath = NodeReader.Child(path, entry.Key);
            if (r.Map(entry.Value, entryPath) is not { } setting)
            {
                continue;
            }

            r.RejectUnknownKeys(setting, entryPath, MethodSettingKeys);
            var rate = r.Double(r.Required(setting, "throttlingRateLimit", entryPath), NodeReader.Child(entryPath, "throttlingRateLimit"));
            var burst = r.Int(r.Required(setting, "throttlingBurstLimit", entryPath), NodeReader.Child(entryPath, "throttlingBurstLimit"));
            if (rate is { } rateValue && (rateValue < 0 || !double.IsFinite(rateValue)))
            {
                r.Error(setting["throttlingRateLimit"]!.Position, NodeReader.Child(entryPath, "throttlingRateLimit"), "must be a finite number ≥ 0");
                continue;
            }

            if (burst < 0)
            {
                r.Error(setting["throttlingBurstLimit"]!.Position, NodeReader.Child(entryPath, "throttlingBurstLimit"), "must not be negative");
                continue;
            }

            if (rate is not null && burst is not null)
            {
                settings[entry.Key.Replace("~1", "/", StringComparison.Ordinal)] = new ThrottleDefinition
                {
                    RateLimit = rate.Value,
                    BurstLimit = burst.Value,
                    Position = entry.KeyPosition,
                };
            }
        }

        return settings;
    }

    public static ThrottleDefinition? ReadThrottle(NodeReader r, SourceNode? node, string path)
    {
        if (r.Map(node, path) is not { } map)
        {
            return null;
        }

        r.RejectUnknownKeys(map, path, ThrottleKeys);
        var rate = r.Double(r.Required(map, "rateLimit", path), NodeReader.Child(path, "rateLimit"));
        var burst = r.Int(r.Required(map, "burstLimit", path), NodeReader.Child(path, "burstLimit"));
        if (rate < 0 || double.IsNaN(rate ?? 0) || double.IsInfinity(rate ?? 0))
        {
            r.Error(map["rateLimit"]!.Position, NodeReader.Child(path, "rateLimit"), "must be a finite number ≥ 0");
        }

        if (burst < 0)
        {
            r.Error(map["burstLimit"]!.Position, NodeReader.Child(path, "burstLimit"), "must not be negative");
        }

        return rate is null || burst is null ? null : new ThrottleDefinition { RateLimit = rate.Value, BurstLimit = burst.Value, Position = map.Position };
    }

    private static string? ReadValue(NodeReader r, SourceMap map, string path)
    {
        var value = r.String(map["value"], NodeReader.Child(path, "value"));
        var from = r.String(map["valueFrom"], NodeReader.Child(path, "valueFrom"));
        if ((value is null) == (from is null))
        {
            r.Error(map.Position, path, "give exactly one of 'value' and 'valueFrom'");
            return null;
        }

        if (from is null)
        {
            return value;
        }

        var fromPath = NodeReader.Child(path, "valueFrom");
        if (!from.StartsWith(EnvPrefix, StringComparison.Ordinal) || from.Length == EnvPrefix.Length)
        {
            r.Error(map["valueFrom"]!.Position, fromPath, "expected env:VARIABLE");
            return null;
        }

        var variable = from[EnvPrefix.Length..];
        var resolved = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(resolved))
        {
            r.Error(map["valueFrom"]!.Position, fromPath, $"environment variable {variable} is not set");
            return null;
        }

        return resolved;
    }

    private static UsagePlanApiStageDefinition? ReadApiStage(NodeReader r, SourceNode node, string path)
    {
        if (r.Map(node, path) is not { } map)
        {
            return null;
        }

        r.RejectUnknownKeys(map, path, ApiStageKeys);
        var api = r.String(r.Required(map, "api", path), NodeReader.Child(path, "api"));
        var stage = r.String(r.Required(map, "stage", path), NodeReader.Child(path, "stage"));
        var throttles = new Dictionary<string, ThrottleDefinition>(StringComparer.Ordinal);
        var throttlePath = NodeReader.Child(path, "throttle");
        if (r.Map(map["throttle"], throttlePath) is { } methods)
        {
            foreach (var entry in methods.Entries)
            {
                if (ReadThrottle(r, entry.Value, NodeReader.Child(throttlePath, entry.Key)) is { } throttle)
                {
                    throttles[entry.Key] = throttle with { Position = entry.KeyPosition };
                }
            }
        }

        return api is null || stage is null
            ? null
            : new UsagePlanApiStageDefinition { ApiId = api, Stage = stage, Throttle = throttles, Position = map.Position };
    }

    private static QuotaDefinition? ReadQuota(NodeReader r, SourceNode? node, string path)
    {
        if (r.Map(node, path) is not { } map)
        {
            return null;
        }

        r.RejectUnknownKeys(map, path, QuotaKeys);
        var limit = r.Long(r.Required(map, "limit", path), NodeReader.Child(path, "limit"));
        var offset = r.Long(map["offset"], NodeReader.Child(path, "offset")) ?? 0;
        var periodText = r.String(r.Required(map, "period", path), NodeReader.Child(path, "period"));
        QuotaPeriod? period = periodText?.ToUpperInvariant() switch
        {
            null => null,
            "DAY" => QuotaPeriod.Day,
            "WEEK" => QuotaPeriod.Week,
            "MONTH" => QuotaPeriod.Month,
            _ => null,
        };
        if (periodText is not null && period is null)
        {
            r.Error(map["period"]!.Position, NodeReader.Child(path, "period"), "expected DAY, WEEK or MONTH");
        }

        if (limit < 0)
        {
            r.Error(map["limit"]!.Position, NodeReader.Child(path, "limit"), "must not be negative");
        }

        if (offset < 0 || (limit is { } l && offset > l))
        {
            r.Error(map["offset"]!.Position, NodeReader.Child(path, "offset"), "must be between 0 and the limit");
        }

        return limit is null || period is null
            ? null
            : new QuotaDefinition { Limit = limit.Value, Period = period.Value, Offset = offset, Position = map.Position };
    }
}
