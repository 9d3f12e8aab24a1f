namespace Lakegate.Core.Definitions;

/// <summary>Edge limits of the data plane. Defaults follow API Gateway REST limits where it has them.</summary>
public sealed record ServerLimitsDefinition
{
    /// <summary>API Gateway's payload limit is 10 MB.</summary>
    public long MaxRequestBodyBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Total size of request header names and values.</summary>
    public int MaxRequestHeaderBytes { get; init; } = 16 * 1024;

    public int MaxRequestHeaderCount { get; init; } = 100;

    /// <summary>Whole-request limit (client upload + integration + response start); 0 disables.</summary>
    public int RequestTimeoutSeconds { get; init; } = 60;
}
