using Lakegate.Core.Definitions;
using Lakegate.Core.Loading;

namespace Lakegate.Core.Tests.Loading;

public class AwsOpenApiImportTests
{
    // The shape API Gateway exports for an S3 proxy and a DynamoDB action (reference §1.8).
    private const string Export = """
        openapi: 3.0.1
        info: { title: files, version: '1' }
        x-amazon-apigateway-binary-media-types: ['image/png']
        paths:
          /{folder}/{item}:
            get:
              parameters:
                - { name: folder, in: path, required: true, schema: { type: string } }
                - { name: item, in: path, required: true, schema: { type: string } }
              responses: { '200': { description: ok } }
              x-amazon-apigateway-integration:
                type: aws
                uri: arn:aws:apigateway:us-west-2:s3:path/{bucket}/{object}
                httpMethod: GET
                credentials: arn:aws:iam::123456789012:role/apigw-s3
                requestParameters:
                  integration.request.path.bucket: method.request.path.folder
                  integration.request.path.object: method.request.path.item
                responses:
                  '4\d{2}': { statusCode: '400' }
                  default:
                    statusCode: '200'
                    contentHandling: CONVERT_TO_BINARY
                    responseParameters: { method.response.header.Content-Type: integration.response.header.Content-Type }
          /items:
            post:
              responses: { '200': { description: ok } }
              x-amazon-apigateway-integration:
                type: aws
                uri: arn:aws:apigateway:us-west-2:dynamodb:action/PutItem
                httpMethod: POST
                requestTemplates: { application/json: '{"TableName": "items"}' }
                responses: { default: { statusCode: '200' } }
        """;

    [Fact]
    public void Import_AwsServiceIntegrations_LoadServedWithFieldsKept()
    {
        var result = DefinitionLoader.LoadText(Export, "files.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("not served", StringComparison.Ordinal));
        var s3 = result.Config!.Apis[0].Routes.Single(r => r.Method == "GET").Integration;
        Assert.Equal(IntegrationType.Aws, s3.Type);
        Assert.Equal("arn:aws:iam::123456789012:role/apigw-s3", s3.Credentials);
        Assert.Contains(s3.Responses, r => r.ContentHandling == "CONVERT_TO_BINARY");
        Assert.Equal(["image/png"], result.Config.Apis[0].BinaryMediaTypes);
    }
}
