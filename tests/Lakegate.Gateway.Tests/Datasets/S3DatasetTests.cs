using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Lakegate.Core.Definitions;
using Lakegate.Gateway.Tests.Infrastructure;

namespace Lakegate.Gateway.Tests.Datasets;

/// <summary>
/// A dataset over S3 objects on a real S3 emulator (s3rver, LAKEGATE_TEST_S3, started by
/// scripts/test): objects are fetched into the cache by ETag, changes and deletions are followed.
/// Without the variable these tests fail: an S3 source that is never tested must not look green.
/// </summary>
public sealed class S3DatasetTests : IAsyncLifetime
{
    public const string EnvironmentVariable = "LAKEGATE_TEST_S3";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lakegate-s3-" + Guid.NewGuid().ToString("N"));
    private readonly string _bucket = "lake-" + Guid.NewGuid().ToString("N")[..12];
    private string _endpoint = string.Empty;
    private AmazonS3Client _s3 = null!;

    public async Task InitializeAsync()
    {
        var endpoint = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set, so S3 dataset sources cannot be tested. Run ./scripts/test, which starts s3rver, " +
                $"or: D=$(mktemp -d); scripts/services/aws-emulators.sh install; eval \"export $(scripts/services/aws-emulators.sh start $D)\"; dotnet test; scripts/services/aws-emulators.sh stop $D");
        }

        _endpoint = endpoint;
        Directory.CreateDirectory(_directory);
        _s3 = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"), new AmazonS3Config { ServiceURL = endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        await _s3.PutBucketAsync(_bucket);
    }

    private async Task PutParquetAsync(string key, int from, int count)
    {
        var file = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".parquet");
        DatasetGatewayFixture.Execute($"COPY (SELECT i AS id, 'o-' || i AS name FROM range({from}, {from + count}) t(i)) TO '{file}' (FORMAT parquet)");
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, FilePath = file, UseChunkEncoding = false });
    }

    private DatasetDefinition Dataset(string? endpoint = null) => new()
    {
        Name = "orders",
        Source = $"s3://{_bucket}/orders/*.parquet",
        ResolvedSource = $"s3://{_bucket}/orders/*.parquet",
        Format = DatasetFormat.Parquet,
        Key = ["id"],
        RefreshIntervalSeconds = 0,
        S3 = new DatasetS3Definition { Endpoint = endpoint ?? _endpoint, AccessKeyId = "S3RVER", SecretAccessKey = "S3RVER", CacheDirectory = Path.Combine(_directory, "cache") },
    };

    private static LakegateConfig Config() => new()
    {
        Apis =
        [
            new ApiDefinition
            {
                Id = "lake",
                Routes =
                [
                    new RouteDefinition
                    {
                        Method = "GET",
                        Path = "/orders",
                        Integration = new IntegrationDefinition { Type = IntegrationType.Dataset, Extras = new Dictionary<string, JsonElement> { ["dataset"] = JsonSerializer.SerializeToElement("orders") } },
                    },
                ],
            },
        ],
        Stages = [new StageDefinition { ApiId = "lake", Name = "t" }],
    };

    private static async Task<List<long>> IdsAsync(TestGateway gateway)
    {
        using var response = await gateway.Client.GetAsync("/lake/t/orders?limit=1000");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return [.. JsonDocument.Parse(body).RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetInt64())];
    }

    [Fact]
    public async Task S3Objects_AreServed_AndChangesFollowed()
    {
        await PutParquetAsync("orders/a.parquet", 1, 10);
        await PutParquetAsync("orders/b.parquet", 11, 10);
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "orders/notes.txt", ContentBody = "not data", UseChunkEncoding = false });
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "other/c.parquet", ContentBody = "elsewhere", UseChunkEncoding = false });

        await using var gateway = await TestGateway.StartAsync(configure: o => o.Datasets = [Dataset()]);
        await gateway.DeployAsync(Config());

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), await IdsAsync(gateway));
        var cachedB = Directory.GetFiles(Path.Combine(_directory, "cache", "objects"), "b.parquet", SearchOption.AllDirectories).Single();
        var fetchedB = File.GetLastWriteTimeUtc(cachedB);

        // a.parquet changes (new ETag), b.parquet does not, c arrives; then a goes away.
        await PutParquetAsync("orders/a.parquet", 101, 5);
        await PutParquetAsync("orders/c.parquet", 201, 3);
        Assert.Equal([11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 101, 102, 103, 104, 105, 201, 202, 203], await IdsAsync(gateway));
        Assert.Equal(fetchedB, File.GetLastWriteTimeUtc(cachedB));

        await _s3.DeleteObjectAsync(_bucket, "orders/a.parquet");
        Assert.Equal([11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 201, 202, 203], await IdsAsync(gateway));
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory, "cache", "objects"), "a.parquet", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task UnreachableEndpoint_Answers503()
    {
        await using var gateway = await TestGateway.StartAsync(configure: o => o.Datasets = [Dataset("http://127.0.0.1:9")]);
        await gateway.DeployAsync(Config());
        using var response = await gateway.Client.GetAsync("/lake/t/orders");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("LGD113", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        _s3?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        await Task.CompletedTask;
    }
}
