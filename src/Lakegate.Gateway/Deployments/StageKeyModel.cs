using System.Collections.Frozen;

namespace Lakegate.Gateway.Deployments;

/// <summary>
/// One key as one api stage sees it: the plan it is in there (a key is in at most one plan per
/// stage), the plan throttle's bucket, and the plan's per-method throttles for this stage, by path
/// template then method (<c>*</c> = any).
/// </summary>
public sealed record StageKeyModel(
    string KeyId,
    UsagePlanModel Plan,
    MethodThrottleModel? PlanThrottle,
    string QuotaKey,
    FrozenDictionary<string, FrozenDictionary<string, MethodThrottleModel>> MethodThrottles)
{
    /// <summary>The per-method throttle for a route path and request method, or else the plan throttle (null: none).</summary>
    public MethodThrottleModel? ThrottleFor(string path, string method)
    {
        if (MethodThrottles.Count > 0 && MethodThrottles.TryGetValue(path, out var byMethod))
        {
            if (byMethod.TryGetValue(method, out var exact))
            {
                return exact;
            }

            if (byMethod.TryGetValue("*", out var any))
            {
                return any;
            }
        }

        return PlanThrottle;
    }
}
