namespace Lakegate.Core.Definitions;

/// <summary>The <c>server:</c> block of lakegate.yaml.</summary>
public sealed record ServerDefinition
{
    public ServerLimitsDefinition Limits { get; init; } = new();

    /// <summary>Write one access-log line per request.</summary>
    public bool AccessLog { get; init; } = true;
}
