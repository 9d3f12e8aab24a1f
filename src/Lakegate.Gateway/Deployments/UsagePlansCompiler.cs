using System.Collections.Frozen;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Storage;

namespace Lakegate.Gateway.Deployments;

/// <summary>
/// Turns the stored keys and plans into per-stage lookups, once per snapshot. A key that is
/// disabled, or in no plan for a stage, is simply absent from that stage's table (both mean 403).
/// </summary>
public static class UsagePlansCompiler
{
    public static Dictionary<(string ApiId, string Stage), StageUsagePlansModel> Compile(UsagePlansRecord record)
    {
        var keys = record.Keys.Where(k => k.Enabled).ToDictionary(k => k.Name, StringComparer.Ordinal);
        var byStage = new Dictionary<(string, string), Dictionary<string, StageKeyModel>>();
        foreach (var plan in record.Plans)
        {
            QuotaPeriod? period = plan.Quota?.Period switch
            {
                "DAY" => QuotaPeriod.Day,
                "WEEK" => QuotaPeriod.Week,
                "MONTH" => QuotaPeriod.Month,
                _ => null,
            };
            var model = new UsagePlanModel(plan.Name, plan.Throttle, plan.Quota?.Limit ?? 0, period, plan.Quota?.Offset ?? 0, plan.CreatedAt);
            foreach (var keyName in plan.Keys)
            {
                if (!keys.TryGetValue(keyName, out var key))
                {
                    continue;
                }

                var prefix = plan.Name + "\n" + key.Name;
                var planThrottle = plan.Throttle is { } t ? new MethodThrottleModel(t, prefix) : null;
                foreach (var stage in plan.ApiStages)
                {
                    var methods = new Dictionary<string, Dictionary<string, MethodThrottleModel>>(StringComparer.Ordinal);
                    foreach (var (methodKey, throttle) in stage.Throttle)
                    {
                        if (MethodThrottleKey.TrySplit(methodKey, out var path, out var method))
                        {
                            if (!methods.TryGetValue(path, out var byMethod))
                            {
                                methods[path] = byMethod = new Dictionary<string, MethodThrottleModel>(StringComparer.Ordinal);
                            }

                            byMethod[method] = new MethodThrottleModel(throttle, prefix + "\n" + stage.ApiId + "\n" + stage.Stage + "\n" + methodKey);
                        }
                    }

                    if (!byStage.TryGetValue((stage.ApiId, stage.Stage), out var table))
                    {
                        byStage[(stage.ApiId, stage.Stage)] = table = new Dictionary<string, StageKeyModel>(StringComparer.Ordinal);
                    }

                    // The validator allows one plan per key and stage; should a stored document break that, the first plan wins.
                    table.TryAdd(key.ValueHash, new StageKeyModel(
                        key.Name,
                        model,
                        planThrottle,
                        prefix,
                        methods.ToFrozenDictionary(m => m.Key, m => m.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.Ordinal)));
                }
            }
        }

        return byStage.ToDictionary(s => s.Key, s => new StageUsagePlansModel(s.Value.ToFrozenDictionary(StringComparer.Ordinal)));
    }
}
