namespace Lakegate.Gateway.Data;

/// <summary>Where a dataset's files come from: a local path or glob, or S3 objects copied into a local cache.</summary>
public interface IDatasetFiles
{
    /// <summary>The directories DuckDB may read (nothing else is readable from its database).</summary>
    IReadOnlyList<string> AllowedDirectories { get; }

    /// <summary>The current files, sorted by path, available locally when this returns.</summary>
    Task<IReadOnlyList<DatasetFile>> ListAsync(CancellationToken cancellationToken);
}
