using System.Collections.Frozen;

namespace Lakegate.Gateway.Deployments;

/// <summary>The enabled keys that may call one api stage, by the SHA-256 hash of their value.</summary>
public sealed record StageUsagePlansModel(FrozenDictionary<string, StageKeyModel> KeysByHash)
{
    public static readonly StageUsagePlansModel None = new(FrozenDictionary<string, StageKeyModel>.Empty);
}
