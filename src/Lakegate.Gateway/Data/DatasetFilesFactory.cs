using Lakegate.Core.Definitions;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Data;

/// <summary>Picks where a dataset's files come from: S3 objects through the local cache, or local files.</summary>
public static class DatasetFilesFactory
{
    public static IDatasetFiles Create(DatasetDefinition definition, ILogger logger) =>
        definition.IsS3
            ? new S3DatasetFiles(definition, logger)
            : new LocalDatasetFiles(definition.ResolvedSource, definition.Format ?? DatasetFormat.Parquet);
}
