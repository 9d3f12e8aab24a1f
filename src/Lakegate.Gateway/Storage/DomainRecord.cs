namespace Lakegate.Gateway.Storage;

/// <summary>A custom domain (lower-case host name, no port) and its base-path mappings.</summary>
public sealed record DomainRecord
{
    public required string DomainName { get; init; }

    public IReadOnlyList<BasePathMappingRecord> Mappings { get; init; } = [];
}
