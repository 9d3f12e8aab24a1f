using System.Text.Json;
using Lakegate.Core.Definitions;
using Lakegate.Core.Functions;

namespace Lakegate.Core.Tests.Functions;

public class FunctionReferenceTests
{
    [Theory]
    [InlineData("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:items/invocations", "items")]
    [InlineData("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:items:live/invocations", "items")]
    [InlineData("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations", "${stageVariables.fn}")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:my-fn_2", "my-fn_2")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:my-fn:7", "my-fn")]
    [InlineData("arn:aws:apigateway:us-east-1:dynamodb:action/PutItem", null)]
    [InlineData("http://example.com/", null)]
    public void FromArn_NamesTheFunction(string uri, string? expected) => Assert.Equal(expected, FunctionReference.FromArn(uri));

    [Fact]
    public void Resolve_FunctionKeyWinsOverUri()
    {
        var integration = new IntegrationDefinition
        {
            Type = IntegrationType.AwsProxy,
            Uri = "arn:aws:lambda:us-east-1:1:function:other",
            Extras = new Dictionary<string, JsonElement> { ["function"] = JsonSerializer.SerializeToElement("items") },
        };

        Assert.Equal("items", FunctionReference.Resolve(integration, out var source));
        Assert.Equal(FunctionReference.Source.FunctionKey, source);
    }
}
