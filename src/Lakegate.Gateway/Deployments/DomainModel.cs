using Lakegate.Gateway.Storage;

namespace Lakegate.Gateway.Deployments;

/// <summary>A custom domain with its mappings sorted longest base path first, so the most specific wins.</summary>
public sealed record DomainModel(string DomainName, IReadOnlyList<DomainMappingModel> Mappings);
