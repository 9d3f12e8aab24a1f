using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Lakegate.Core.Loading;

namespace Lakegate.Gateway.Tests.Aws;

/// <summary>
/// examples/inventory/dynamodb/lakegate.yaml as shipped: it loads without errors or warnings, and its AWS-integration
/// API answers from a seeded table (dynalite, reached through the aws4 verifying proxy instead of the fixed example port).
/// The function variant runs the example's handler (AWS SDK v3, installed by scripts/test) as a real worker process.
/// </summary>
public sealed class InventoryExampleTests
{
    [Fact]
    public async Task Example_DynamoDbVariant_ListsAndGetsItems()
    {
        var file = Path.Combine(RepositoryRoot(), "examples", "inventory", "dynamodb", "lakegate.yaml");
        var loaded = DefinitionLoader.Load(file);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Errors));
        Assert.Empty(loaded.Warnings);
        var config = loaded.Config! with { Functions = [], Apis = [.. loaded.Config!.Apis.Where(a => a.Id == "inventory-ddb")] };
        config = config with { Stages = [.. config.Stages.Where(s => s.ApiId == "inventory-ddb")] };

        using var sdk = new AmazonDynamoDBClient(new BasicAWSCredentials("sdk", "sdk"), new AmazonDynamoDBConfig { ServiceURL = AwsEmulators.DynamoDb, AuthenticationRegion = "us-east-1" });
        await SeedAsync(sdk);
        await using var proxy = await VerifyingProxy.StartAsync(AwsEmulators.DynamoDb);
        var aws = AwsGateway.Aws(new Dictionary<string, string> { ["dynamodb"] = proxy.Url });
        await using var gateway = await AwsGateway.StartAsync(aws, config);

        using var list = JsonDocument.Parse(await gateway.Client.GetStringAsync("/inventory-ddb/v1/inventory"));
        Assert.Equal("main", list.RootElement.GetProperty("store").GetString());
        Assert.Equal(["sku-001", "sku-002"], list.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sku").GetString()!).ToArray());

        using var one = JsonDocument.Parse(await gateway.Client.GetStringAsync("/inventory-ddb/v1/inventory/sku-002?store=main"));
        Assert.Equal("Box of nails (200)", one.RootElement.GetProperty("name").GetString());
        Assert.Equal(340, one.RootElement.GetProperty("qty").GetInt32());

        using var missing = await gateway.Client.GetAsync("/inventory-ddb/v1/inventory/sku-404");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await proxy.AssertAllVerifiedAsync();
    }

    [Fact]
    public async Task Example_FunctionVariant_ListsAndGetsItemsThroughTheHandler()
    {
        var example = Path.Combine(RepositoryRoot(), "examples", "inventory", "dynamodb");
        if (!Directory.Exists(Path.Combine(example, "node_modules", "@aws-sdk", "client-dynamodb")))
        {
            Assert.Fail($"the example's packages are not installed: run ./scripts/test, which runs 'npm ci --prefix {example}'.");
        }

        var loaded = DefinitionLoader.Load(Path.Combine(example, "lakegate.yaml"));
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Errors));
        // The example's function, pointed at the test's dynalite instead of the example's fixed port.
        var function = loaded.Config!.Functions.Single();
        function = function with
        {
            Environment = new Dictionary<string, string>(function.Environment) { ["AWS_ENDPOINT_URL_DYNAMODB"] = AwsEmulators.DynamoDb },
        };
        var config = loaded.Config with
        {
            Functions = [function],
            Apis = [.. loaded.Config.Apis.Where(a => a.Id == "inventory-fn")],
            Stages = [.. loaded.Config.Stages.Where(s => s.ApiId == "inventory-fn")],
        };

        using var sdk = new AmazonDynamoDBClient(new BasicAWSCredentials("sdk", "sdk"), new AmazonDynamoDBConfig { ServiceURL = AwsEmulators.DynamoDb, AuthenticationRegion = "us-east-1" });
        await SeedAsync(sdk);
        await using var gateway = await AwsGateway.StartAsync(AwsGateway.Aws(new Dictionary<string, string>()), config);

        using var list = JsonDocument.Parse(await gateway.Client.GetStringAsync("/inventory-fn/v1/inventory"));
        Assert.Equal(["sku-001", "sku-002"], list.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sku").GetString()!).ToArray());

        using var one = JsonDocument.Parse(await gateway.Client.GetStringAsync("/inventory-fn/v1/inventory/sku-001"));
        Assert.Equal("Claw hammer", one.RootElement.GetProperty("name").GetString());

        using var missing = await gateway.Client.GetAsync("/inventory-fn/v1/inventory/sku-404");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static async Task SeedAsync(AmazonDynamoDBClient sdk)
    {
        try
        {
            await sdk.CreateTableAsync(new CreateTableRequest
            {
                TableName = "inventory",
                KeySchema = [new("store", KeyType.HASH), new("sku", KeyType.RANGE)],
                AttributeDefinitions = [new("store", ScalarAttributeType.S), new("sku", ScalarAttributeType.S)],
                BillingMode = BillingMode.PAY_PER_REQUEST,
            });
        }
        catch (ResourceInUseException)
        {
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((await sdk.DescribeTableAsync("inventory", wait.Token)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(50, wait.Token);
        }

        foreach (var (sku, name, qty) in new[] { ("sku-001", "Claw hammer", "12"), ("sku-002", "Box of nails (200)", "340") })
        {
            await sdk.PutItemAsync("inventory", new()
            {
                ["store"] = new("main"), ["sku"] = new(sku), ["name"] = new(name), ["qty"] = new() { N = qty }, ["price"] = new() { N = "1.5" },
            });
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lakegate.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
