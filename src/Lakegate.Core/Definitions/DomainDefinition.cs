namespace Lakegate.Core.Definitions;

/// <summary>A custom domain name (matched against the Host header) and its base-path mappings.</summary>
public sealed record DomainDefinition
{
    public required string Name { get; init; }

    public IReadOnlyList<BasePathMappingDefinition> Mappings { get; init; } = [];

    public SourcePosition? Position { get; init; }
}
