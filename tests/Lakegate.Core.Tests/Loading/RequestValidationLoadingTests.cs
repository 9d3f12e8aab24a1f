using System.Text.Json.Nodes;
using Lakegate.Core.Loading;

namespace Lakegate.Core.Tests.Loading;

/// <summary>Request validators and models as the loader hands them to the gateway.</summary>
public class RequestValidationLoadingTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Loading", "Fixtures", name);

    /// <summary>
    /// The AWS sample minus its operations' <c>security: [{api_key: []}]</c>, for tests about validation
    /// alone (with it, the routes also require an API key).
    /// </summary>
    internal static string AwsSampleWithoutUndeclaredSecurity()
    {
        var document = JsonNode.Parse(File.ReadAllText(Fixture("request-validation.swagger.json")))!;
        foreach (var (_, operations) in document["paths"]!.AsObject())
        {
            foreach (var (_, operation) in operations!.AsObject())
            {
                operation!.AsObject().Remove("security");
            }
        }

        return document.ToJsonString();
    }

    [Fact]
    public void Load_AwsRequestValidationSample_AsPublished_Imports_UndeclaredApiKeySchemeMeansApiKeyRequired()
    {
        var result = DefinitionLoader.Load(Fixture("request-validation.swagger.json"), new LoadOptions { ApiId = "validation" });

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        Assert.Contains(result.Warnings, w => w.Message.Contains("security scheme 'api_key' is not declared", StringComparison.Ordinal));
        Assert.All(result.Config!.Apis[0].Routes, r => Assert.True(r.ApiKeyRequired));
    }

    [Fact]
    public void Load_AwsRequestValidationSample_KeepsValidatorsModelsAndRequiredParameters_WithoutWarningAboutThem()
    {
        var result = DefinitionLoader.LoadText(AwsSampleWithoutUndeclaredSecurity(), "request-validation.swagger.json", new LoadOptions { ApiId = "validation" });

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("validator", StringComparison.Ordinal) || w.Message.Contains("model", StringComparison.Ordinal));
        var api = Assert.Single(result.Config!.Apis);
        Assert.Equal("params-only", api.DefaultRequestValidator);
        Assert.True(api.RequestValidators["all"].ValidateRequestBody);
        Assert.False(api.RequestValidators["params-only"].ValidateRequestBody);

        var post = api.Routes.Single(r => r.Method == "POST");
        Assert.Equal("all", post.RequestValidator);
        Assert.True(post.RequestParameters["method.request.header.h1"]);
        Assert.Equal("RequestBodyModel", post.RequestModels["application/json"]);

        var get = api.Routes.Single(r => r.Method == "GET");
        Assert.Null(get.RequestValidator);
        Assert.True(get.RequestParameters["method.request.querystring.q1"]);
    }

    [Fact]
    public void Load_ModelUsedForBodyValidation_MustCompile_UnusedModelOnlyWarns()
    {
        const string yaml = """
            openapi: 3.0.1
            info: { title: t, version: "1" }
            x-amazon-apigateway-request-validators:
              body: { validateRequestBody: true, validateRequestParameters: false }
            paths:
              /pets:
                post:
                  x-amazon-apigateway-request-validator: body
                  requestBody:
                    content:
                      application/json:
                        schema: { $ref: "#/components/schemas/Pet" }
                  x-amazon-apigateway-integration: { type: http_proxy, httpMethod: POST, uri: "http://example.com/pets" }
            components:
              schemas:
                Pet:
                  type: object
                  properties:
                    owner: { $ref: "#/components/schemas/Owner" }
                Owner:
                  type: object
                  properties:
                    name: { type: text }
                Unused:
                  type: object
                  properties:
                    when: { type: date }
            """;

        var result = DefinitionLoader.LoadText(yaml, "api.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Contains("model Owner #/properties/name/type: unknown type \"text\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("(used to validate request bodies)", error.Message, StringComparison.Ordinal);
        Assert.Contains(result.Warnings, w => w.Message.Contains("model Unused #/properties/when/type", StringComparison.Ordinal));
    }
}
