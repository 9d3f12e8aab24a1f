namespace Lakegate.Core.Definitions;

/// <summary>Maps the first path segment(s) of a custom domain to an API stage. Empty base path = the root.</summary>
public sealed record BasePathMappingDefinition
{
    public string BasePath { get; init; } = string.Empty;

    public required string ApiId { get; init; }

    public required string Stage { get; init; }

    public SourcePosition? Position { get; init; }
}
