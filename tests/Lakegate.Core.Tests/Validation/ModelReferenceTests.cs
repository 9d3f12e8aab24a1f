using System.Text.Json;
using Lakegate.Core.Validation;

namespace Lakegate.Core.Tests.Validation;

/// <summary><c>$ref</c> between the models of one API, spelled as exports spell it.</summary>
public class ModelReferenceTests
{
    private static ModelSchemaSet Compile(params (string Name, string Schema)[] models) =>
        ModelSchemaSet.Compile(models.ToDictionary(m => m.Name, m => JsonDocument.Parse(m.Schema).RootElement.Clone()));

    private static SchemaValidationResult Validate(ModelSchemaSet set, string model, string body) =>
        set.Get(model)!.ValidateBody(System.Text.Encoding.UTF8.GetBytes(body));

    [Theory]
    [InlineData("https://apigateway.amazonaws.com/restapis/abc123/models/Pet")]
    [InlineData("#/definitions/Pet")]
    [InlineData("#/components/schemas/Pet")]
    [InlineData("Pet")]
    public void Ref_ToAnotherModel_Resolves(string reference)
    {
        var set = Compile(
            ("Pet", """{"type":"object","required":["name"],"properties":{"name":{"type":"string"}}}"""),
            ("Pets", $$$"""{"type":"array","items":{"$ref":"{{{reference}}}"}}"""));

        Assert.Empty(set.Errors);
        Assert.True(Validate(set, "Pets", """[{"name":"rex"}]""").IsValid);
        Assert.Equal("""[object has missing required properties (["name"])]""", Validate(set, "Pets", """[{"nom":"rex"}]""").ValidationErrorString);
    }

    [Fact]
    public void Ref_ToLocalDefinitions_WinsOverAModelOfTheSameName()
    {
        var set = Compile(
            ("Id", """{"type":"string"}"""),
            ("Order", """{"definitions":{"Id":{"type":"integer"}},"properties":{"id":{"$ref":"#/definitions/Id"}}}"""));

        Assert.True(Validate(set, "Order", """{"id":1}""").IsValid);
        Assert.False(Validate(set, "Order", """{"id":"1"}""").IsValid);
    }

    [Fact]
    public void Ref_WithFragmentIntoAnotherModel_Resolves()
    {
        var set = Compile(
            ("Shared", """{"definitions":{"Money":{"type":"number","minimum":0}}}"""),
            ("Price", """{"properties":{"amount":{"$ref":"https://apigateway.amazonaws.com/restapis/x/models/Shared#/definitions/Money"}}}"""));

        Assert.Empty(set.Errors);
        Assert.Equal("[numeric instance is lower than the required minimum (minimum: 0, found: -1)]", Validate(set, "Price", """{"amount":-1}""").ValidationErrorString);
    }

    [Fact]
    public void RecursiveModel_ValidatesNestedInstances()
    {
        var set = Compile(("Node", """{"type":"object","properties":{"children":{"type":"array","items":{"$ref":"#/definitions/Node"}}},"required":["v"]}"""));

        Assert.True(Validate(set, "Node", """{"v":1,"children":[{"v":2,"children":[]}]}""").IsValid);
        Assert.False(Validate(set, "Node", """{"v":1,"children":[{"children":[]}]}""").IsValid);
    }

    [Fact]
    public void UnresolvableRef_IsReportedForTheModelsThatReachIt()
    {
        var set = Compile(
            ("A", """{"properties":{"b":{"$ref":"#/definitions/B"}}}"""),
            ("C", """{"$ref":"#/definitions/A"}"""),
            ("D", """{"type":"string"}"""));

        var error = Assert.Single(set.Errors);
        Assert.Equal("model A #/properties/b: $ref \"#/definitions/B\" does not name a model of this API or a schema inside one", error);
        Assert.Equal([error], set.Get("C")!.Errors);
        Assert.Empty(set.Get("D")!.Errors);
        Assert.False(Validate(set, "A", """{"b":1}""").IsValid);
    }

    [Fact]
    public void InvalidKeywords_AreAllCollected()
    {
        var set = Compile(("M", """{"type":"thing","minLength":-1,"pattern":"(","required":"yes"}"""));

        Assert.Equal(4, set.Errors.Count);
        Assert.Contains(set.Errors, e => e.Contains("#/type: unknown type \"thing\"", StringComparison.Ordinal));
        Assert.Contains(set.Errors, e => e.Contains("#/pattern:", StringComparison.Ordinal));
    }
}
