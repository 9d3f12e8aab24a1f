namespace Lakegate.Core.Definitions;

/// <summary>An S3-compatible endpoint and its credentials, for <c>s3://</c> dataset sources.</summary>
public sealed record DatasetS3Definition
{
    /// <summary>e.g. <c>http://127.0.0.1:4569</c>; null = AWS.</summary>
    public string? Endpoint { get; init; }

    public string Region { get; init; } = "us-east-1";

    /// <summary>May be <c>${env:NAME}</c>; null = the SDK's default credential chain.</summary>
    public string? AccessKeyId { get; init; }

    public string? SecretAccessKey { get; init; }

    /// <summary>Path-style addressing (needed by most emulators and MinIO).</summary>
    public bool ForcePathStyle { get; init; } = true;

    /// <summary>Local cache directory; null = <c>.lakegate/cache/NAME</c> next to the working directory.</summary>
    public string? CacheDirectory { get; init; }
}
