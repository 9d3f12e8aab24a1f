using System.Collections.Frozen;

namespace Lakegate.Gateway.Deployments;

/// <summary>
/// Everything a node serves at one store revision. Immutable; replaced whole when the store
/// changes (see <see cref="ServingState"/>).
/// </summary>
public sealed record ServingSnapshot(
    long Revision,
    FrozenDictionary<string, ApiStagesModel> Apis,
    FrozenDictionary<string, DomainModel> Domains)
{
    public static readonly ServingSnapshot Empty = new(
        -1,
        FrozenDictionary<string, ApiStagesModel>.Empty,
        FrozenDictionary<string, DomainModel>.Empty);
}
