namespace Lakegate.Gateway.Storage;

public sealed record BasePathMappingRecord
{
    /// <summary>Empty for the root mapping; otherwise one or more segments without leading or trailing '/'.</summary>
    public string BasePath { get; init; } = string.Empty;

    public required string ApiId { get; init; }

    public required string Stage { get; init; }
}
