using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Lakegate.Core.Definitions;
using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Data;

/// <summary>
/// S3 objects (<c>s3://bucket/prefix/*.parquet</c>) copied into a local cache keyed by ETag: each
/// listing fetches only objects whose ETag changed and drops the ones that are gone. DuckDB reads the
/// cache directory only (it cannot reach S3 itself: no httpfs here).
/// </summary>
public sealed class S3DatasetFiles : IDatasetFiles, IDisposable
{
    private readonly DatasetDefinition _definition;
    private readonly ILogger _logger;
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly Matcher? _matcher;
    private readonly string? _singleKey;
    private readonly string _objects;
    private readonly string _etags;

    public S3DatasetFiles(DatasetDefinition definition, ILogger logger)
    {
        _definition = definition;
        _logger = logger;
        var s3 = definition.S3 ?? new DatasetS3Definition();
        var rest = definition.Source["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        _bucket = slash < 0 ? rest : rest[..slash];
        var keyPattern = slash < 0 ? string.Empty : rest[(slash + 1)..];
        var wildcard = keyPattern.IndexOfAny(['*', '?', '[', '{']);
        if (wildcard >= 0)
        {
            var cut = keyPattern.LastIndexOf('/', wildcard);
            _prefix = cut < 0 ? string.Empty : keyPattern[..(cut + 1)];
            _matcher = new Matcher(StringComparison.Ordinal).AddInclude(keyPattern[(cut + 1)..]);
        }
        else if (keyPattern.Length == 0 || keyPattern.EndsWith('/'))
        {
            _prefix = keyPattern;
            _matcher = new Matcher(StringComparison.Ordinal).AddInclude("**/*");
        }
        else
        {
            _prefix = keyPattern;
            _singleKey = keyPattern;
        }

        var cache = s3.CacheDirectory ?? Path.GetFullPath(Path.Combine(".lakegate", "cache", definition.Name));
        _objects = Path.Combine(cache, "objects");
        _etags = Path.Combine(cache, "etags");
        Directory.CreateDirectory(_objects);
        Directory.CreateDirectory(_etags);
        AllowedDirectories = [_objects + "/"];

        var config = new AmazonS3Config
        {
            ForcePathStyle = s3.ForcePathStyle,
            AuthenticationRegion = s3.Region,
            Timeout = TimeSpan.FromSeconds(30),
            MaxErrorRetry = 2,
        };
        if (s3.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(s3.Region);
        }

        // Without keys: anonymous (public buckets), never the instance-metadata chain, which hangs off AWS.
        AWSCredentials credentials = s3.AccessKeyId is { } id && s3.SecretAccessKey is { } secret
            ? new BasicAWSCredentials(id, secret)
            : new AnonymousAWSCredentials();
        _client = new AmazonS3Client(credentials, config);
    }

    public IReadOnlyList<string> AllowedDirectories { get; }

    public async Task<IReadOnlyList<DatasetFile>> ListAsync(CancellationToken cancellationToken)
    {
        var objects = new List<S3Object>();
        try
        {
            var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix };
            ListObjectsV2Response response;
            do
            {
                response = await _client.ListObjectsV2Async(request, cancellationToken);
                foreach (var item in response.S3Objects ?? [])
                {
                    if (Matches(item.Key))
                    {
                        objects.Add(item);
                    }
                }

                request.ContinuationToken = response.NextContinuationToken;
            }
            while (response.IsTruncated == true);
        }
        catch (Exception ex) when (ex is AmazonServiceException or HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new DatasetUnavailableException($"dataset {_definition.Name}: cannot list {_definition.Source}: {ex.Message}", ex);
        }

        var files = new List<DatasetFile>(objects.Count);
        var fetched = 0;
        long bytes = 0;
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in objects.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var local = LocalPath(_objects, item.Key);
            var etagFile = LocalPath(_etags, item.Key);
            if (local is null || etagFile is null)
            {
                // A key such as "../x" would leave the cache: never written, never read.
                continue;
            }

            wanted.Add(local);
            var etag = item.ETag ?? string.Empty;
            if (!File.Exists(local) || !File.Exists(etagFile) || await File.ReadAllTextAsync(etagFile, cancellationToken) != etag)
            {
                await FetchAsync(item.Key, local, etagFile, etag, cancellationToken);
                fetched++;
                bytes += item.Size ?? 0;
            }

            files.Add(new DatasetFile(local, item.Size ?? new FileInfo(local).Length, etag));
        }

        foreach (var stale in Directory.EnumerateFiles(_objects, "*", SearchOption.AllDirectories).Where(f => !wanted.Contains(f)).ToList())
        {
            File.Delete(stale);
        }

        if (fetched > 0)
        {
            DatasetLog.S3Fetched(_logger, _definition.Name, fetched, bytes);
        }

        return files;
    }

    private async Task FetchAsync(string key, string local, string etagFile, string etag, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        Directory.CreateDirectory(Path.GetDirectoryName(etagFile)!);
        var partial = local + ".part-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            using (var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key }, cancellationToken))
            await using (var file = File.Create(partial))
            {
                await response.ResponseStream.CopyToAsync(file, cancellationToken);
            }

            // Readers never see a half-written object: the complete file replaces the old one at once.
            File.Move(partial, local, overwrite: true);
            await File.WriteAllTextAsync(etagFile, etag, cancellationToken);
        }
        catch (Exception ex) when (ex is AmazonServiceException or HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            File.Delete(partial);
            throw new DatasetUnavailableException($"dataset {_definition.Name}: cannot fetch s3://{_bucket}/{key}: {ex.Message}", ex);
        }
    }

    private bool Matches(string key)
    {
        if (key.EndsWith('/'))
        {
            return false;
        }

        if (_singleKey is not null)
        {
            return key == _singleKey;
        }

        var relative = key[_prefix.Length..];
        return _matcher!.Match(relative).HasMatches;
    }

    private static string? LocalPath(string root, string key)
    {
        var full = Path.GetFullPath(Path.Combine(root, key));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    public void Dispose() => _client.Dispose();
}
