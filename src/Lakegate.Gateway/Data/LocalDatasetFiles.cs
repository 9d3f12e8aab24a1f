using Lakegate.Core.Definitions;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Lakegate.Gateway.Data;

/// <summary>
/// A local file, a directory (every file of the dataset's format below it) or a glob
/// (<c>data/**/*.parquet</c>). DuckDB may read the glob's base directory only.
/// </summary>
public sealed class LocalDatasetFiles : IDatasetFiles
{
    private readonly string _baseDirectory;
    private readonly string? _singleFile;
    private readonly Matcher? _matcher;

    public LocalDatasetFiles(string resolvedSource, DatasetFormat format)
    {
        var wildcard = resolvedSource.IndexOfAny(['*', '?', '[', '{']);
        if (wildcard >= 0)
        {
            var cut = resolvedSource.LastIndexOf('/', wildcard);
            _baseDirectory = resolvedSource[..Math.Max(cut, 1)];
            _matcher = new Matcher(StringComparison.Ordinal).AddInclude(resolvedSource[(cut + 1)..]);
        }
        else if (Directory.Exists(resolvedSource))
        {
            _baseDirectory = resolvedSource.TrimEnd('/');
            _matcher = new Matcher(StringComparison.Ordinal);
            foreach (var extension in Extensions(format))
            {
                _matcher.AddInclude("**/*" + extension);
            }
        }
        else
        {
            _baseDirectory = Path.GetDirectoryName(resolvedSource) ?? "/";
            _singleFile = resolvedSource;
        }

        AllowedDirectories = [_baseDirectory.EndsWith('/') ? _baseDirectory : _baseDirectory + "/"];
    }

    public IReadOnlyList<string> AllowedDirectories { get; }

    public Task<IReadOnlyList<DatasetFile>> ListAsync(CancellationToken cancellationToken)
    {
        var paths = _singleFile is not null
            ? (File.Exists(_singleFile) ? [_singleFile] : [])
            : Directory.Exists(_baseDirectory) ? _matcher!.GetResultsInFullPath(_baseDirectory).ToList() : [];
        var files = new List<DatasetFile>(paths.Count);
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(path);
            if (info.Exists)
            {
                files.Add(new DatasetFile(info.FullName, info.Length, info.LastWriteTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return Task.FromResult<IReadOnlyList<DatasetFile>>(files);
    }

    private static string[] Extensions(DatasetFormat format) => format switch
    {
        DatasetFormat.Parquet => [".parquet", ".parq"],
        DatasetFormat.Csv => [".csv", ".tsv", ".csv.gz"],
        _ => [".json", ".ndjson", ".jsonl", ".json.gz", ".ndjson.gz"],
    };
}
