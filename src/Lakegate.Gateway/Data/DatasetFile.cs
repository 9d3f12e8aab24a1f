namespace Lakegate.Gateway.Data;

/// <summary>One file a dataset reads: its local path and what tells a changed file apart (size and modification time, or the S3 ETag).</summary>
public sealed record DatasetFile(string Path, long Size, string Version);
