using System.Text.Json;
using Lakegate.Core.AwsServices;
using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;

namespace Lakegate.Core.Tests.Loading;

public class AwsLoadingTests
{
    private const string Example = """
        version: 1
        aws:
          region: eu-west-1
          credentials:
            default: { accessKeyId: AKIDDEFAULT, secretAccessKey: literal-secret, sessionToken: tok }
            arn:aws:iam::123456789012:role/apigw: { accessKeyId: AKIDROLE, secretAccessKey: "{{secret:role-key}}" }
            fromenv: { accessKeyId: AKIDENV, secretAccessKey: env:LAKEGATE_TEST_AWS_SECRET }
          endpoints:
            dynamodb: http://127.0.0.1:8000/
            s3: https://objects.internal:9000
        apis:
          - id: shop
            binaryMediaTypes: [image/png]
            routes:
              - route: GET /items/{sku}
                integration:
                  type: aws
                  uri: arn:aws:apigateway:eu-west-1:dynamodb:action/GetItem
                  httpMethod: POST
                  credentials: arn:aws:iam::123456789012:role/apigw
                  requestTemplates: { application/json: '{"TableName": "items"}' }
                  responses: [{ statusCode: 200 }]
              - route: GET /files/{key+}
                integration:
                  type: AWS
                  uri: arn:aws:apigateway:eu-west-1:s3:path/bucket/{key}
                  httpMethod: GET
                  credentials: fromenv
                  requestParameters: { integration.request.path.key: method.request.path.key }
                  responses: [{ statusCode: 200, contentHandling: CONVERT_TO_BINARY }]
            stages: [{ name: v1 }]
        """;

    [Fact]
    public void Load_AwsBlock_BindsCredentialsEndpointsAndEnvValues()
    {
        Environment.SetEnvironmentVariable("LAKEGATE_TEST_AWS_SECRET", "from-the-environment");
        var result = DefinitionLoader.LoadText(Example, "lakegate.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        var aws = result.Config!.Aws!;
        Assert.Equal("eu-west-1", aws.Region);
        Assert.Equal("tok", aws.Credentials["default"].SessionToken);
        Assert.Equal("{{secret:role-key}}", aws.Credentials["arn:aws:iam::123456789012:role/apigw"].SecretAccessKey);
        Assert.Equal("from-the-environment", aws.Credentials["fromenv"].SecretAccessKey);
        Assert.Equal("http://127.0.0.1:8000", aws.Endpoints["dynamodb"]);
        Assert.DoesNotContain("literal-secret", aws.Credentials["default"].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("tok", aws.Credentials["default"].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws: { regoin: x }", "unknown key 'regoin'")]
    [InlineData("aws: { credentials: { default: { accessKeyId: A } } }", "secretAccessKey")]
    [InlineData("aws: { credentials: { default: { accessKeyId: A, secretAccessKey: '' } } }", "must not be empty")]
    [InlineData("aws: { credentials: { default: { accessKeyId: A, secretAccessKey: env:LAKEGATE_TEST_UNSET_VARIABLE } } }", "environment variable LAKEGATE_TEST_UNSET_VARIABLE is not set")]
    [InlineData("aws: { credentials: { default: { accessKeyId: A, secretAccessKey: B, token: C } } }", "unknown key 'token'")]
    [InlineData("aws: { endpoints: { dynamodb: 'localhost:8000' } }", "must be an absolute http:// or https:// URL")]
    [InlineData("aws: { endpoints: { s3: 'http://h:1/path' } }", "without a path or query")]
    public void Load_InvalidAwsBlock_IsAnErrorWithPosition(string aws, string expected)
    {
        var result = DefinitionLoader.LoadText($"version: 1\n{aws}\n", "lakegate.yaml");

        var error = Assert.Single(result.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(2, error.Position!.Value.Line);
        Assert.DoesNotContain("'B'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ type: aws, uri: 'arn:aws:apigateway:us-east-1:dynamodb:PutItem' }", "is not an AWS service URI")]
    [InlineData("{ type: aws }", "an AWS integration needs a uri")]
    [InlineData("{ type: aws, uri: 'arn:aws:apigateway:us-east-1:s3:action/GetObject&Bucket=b&Key=k' }", "for S3 use s3:path/{bucket}/{key}")]
    [InlineData("{ type: aws, uri: 'arn:aws:apigateway:us-east-1:ec2:action/RunInstances' }", "not 'ec2'")]
    [InlineData("{ type: aws, uri: 'arn:aws:apigateway:us-east-1:s3:path/b/{key}', httpMethod: GET }", "uri placeholder '{key}'")]
    [InlineData("{ type: aws, uri: 'arn:aws:apigateway:us-east-1:s3:path/b/k' }", "a path/ URI needs httpMethod")]
    [InlineData("{ type: aws, uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/Scan', credentials: nobody }", "credentials 'nobody' is not declared under aws.credentials")]
    [InlineData("{ type: aws, uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/Put-Item' }", "must be followed by an action name")]
    public void Load_InvalidAwsIntegration_IsAnError(string integration, string expected)
    {
        var yaml = $"version: 1\naws: {{ credentials: {{ default: {{ accessKeyId: A, secretAccessKey: B }} }} }}\napis:\n  - id: a\n    routes:\n      - route: GET /x\n        integration: {integration}\n";

        var result = DefinitionLoader.LoadText(yaml, "lakegate.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(7, error.Position!.Value.Line);
    }

    [Fact]
    public void Load_AwsServiceIntegration_IsServedNotWarned()
    {
        var yaml = "version: 1\napis:\n  - id: a\n    routes:\n      - route: POST /x\n        integration: { type: aws, uri: 'arn:aws:apigateway:us-east-1:kinesis:action/PutRecord', httpMethod: POST }\n";

        var result = DefinitionLoader.LoadText(yaml, "lakegate.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("not served", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RoleArnWithoutKeysOrCallerIdentity_Warns()
    {
        var yaml = "version: 1\naws: { credentials: { default: { accessKeyId: A, secretAccessKey: B } } }\napis:\n  - id: a\n    routes:\n"
            + "      - route: GET /x\n        integration: { type: aws, uri: 'arn:aws:apigateway:us-east-1:sqs:action/SendMessage', credentials: 'arn:aws:iam::1:role/r' }\n"
            + "      - route: GET /y\n        integration: { type: aws, uri: 'arn:aws:apigateway:us-east-1:sqs:action/SendMessage', credentials: 'arn:aws:iam::*:user/*' }\n";

        var result = DefinitionLoader.LoadText(yaml, "lakegate.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        Assert.Contains(result.Warnings, w => w.Message.Contains("role 'arn:aws:iam::1:role/r' is not assumed", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Message.Contains("caller's identity", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("arn:aws:apigateway:us-west-2:dynamodb:action/PutItem", "us-west-2", "dynamodb", null, "PutItem", null)]
    [InlineData("arn:aws:apigateway:us-west-2:s3:path/my-bucket/{key}", "us-west-2", "s3", null, null, "/my-bucket/{key}")]
    [InlineData("arn:aws:apigateway:eu-west-1:my-bucket.s3:path/{key}", "eu-west-1", "s3", "my-bucket", null, "/{key}")]
    [InlineData("arn:aws:apigateway:us-east-1:sqs:path/123456789012/queue", "us-east-1", "sqs", null, null, "/123456789012/queue")]
    [InlineData("arn:aws-cn:apigateway:cn-north-1:kinesis:action/PutRecords", "cn-north-1", "kinesis", null, "PutRecords", null)]
    public void AwsServiceUri_Parses(string text, string region, string service, string? subdomain, string? action, string? path)
    {
        Assert.True(AwsServiceUri.TryParse(text, out var uri, out var error), error);
        Assert.Equal((region, service, subdomain, action, path), (uri!.Region, uri.Service, uri.Subdomain, uri.Action, uri.Path));
    }

    [Fact]
    public void AwsServiceUri_ActionParameters_AreKept()
    {
        Assert.True(AwsServiceUri.TryParse("arn:aws:apigateway:us-east-1:sqs:action/SendMessage&QueueUrl=https://q/1/a&DelaySeconds=2", out var uri, out _));
        Assert.Equal([new("QueueUrl", "https://q/1/a"), new("DelaySeconds", "2")], uri!.ActionParameters);
    }

    [Fact]
    public void Schema_AwsObjects_MatchReaderKeys()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Lakegate.slnx")))
        {
            directory = directory.Parent;
        }

        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "docs", "lakegate.schema.json")));
        var defs = schema.RootElement.GetProperty("$defs");
        Assert.Equal(AwsConfigReader.AwsKeys.Order(StringComparer.Ordinal), defs.GetProperty("aws").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(AwsConfigReader.CredentialKeys.Order(StringComparer.Ordinal), defs.GetProperty("awsCredentials").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
