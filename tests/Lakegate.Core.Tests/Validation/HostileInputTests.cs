using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Lakegate.Core.Validation;

namespace Lakegate.Core.Tests.Validation;

/// <summary>Validation stays bounded and never throws, whatever the body or the schema.</summary>
public class HostileInputTests
{
    private static ModelSchema Model(string schema, SchemaValidationLimits? limits = null) => ModelSchemaTests.Model(schema, limits);

    [Fact]
    public void DeeplyNestedBody_IsInvalid_NotAStackOverflow()
    {
        var body = new string('[', 100_000) + new string(']', 100_000);
        var result = Model("""{"type":"array"}""").ValidateBody(Encoding.UTF8.GetBytes(body));
        Assert.Equal("[request body is not valid JSON]", result.ValidationErrorString);
    }

    [Fact]
    public void SelfReferencingModel_EndsAtTheDepthLimit()
    {
        var set = ModelSchemaSet.Compile(new Dictionary<string, JsonElement>
        {
            ["A"] = JsonDocument.Parse("""{"$ref":"#/definitions/B"}""").RootElement,
            ["B"] = JsonDocument.Parse("""{"allOf":[{"$ref":"#/definitions/A"}]}""").RootElement,
        });

        var result = set.Get("A")!.ValidateBody("{}"u8.ToArray());
        Assert.Equal("[request body is too complex to validate]", result.ValidationErrorString);
    }

    [Fact]
    public void ExponentialCombinators_StopAtTheStepBudget()
    {
        // anyOf levels sharing their branches through $ref: tiny schema, 2^40 evaluations without a budget.
        var definitions = new List<string> { "\"d0\":{\"type\":\"integer\",\"minimum\":1}" };
        for (var i = 1; i <= 40; i++)
        {
            definitions.Add($$$"""
                "d{{{i}}}":{"anyOf":[{"$ref":"#/definitions/d{{{i - 1}}}"},{"$ref":"#/definitions/d{{{i - 1}}}"}]}
                """);
        }

        var schema = $$"""{"definitions":{{{string.Join(",", definitions)}}},"$ref":"#/definitions/d40"}""";
        var model = Model(schema, new SchemaValidationLimits { MaxSteps = 100_000 });
        var watch = Stopwatch.StartNew();
        var result = model.ValidateBody("0"u8.ToArray());
        Assert.Equal("[request body is too complex to validate]", result.ValidationErrorString);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
    }

    [Fact]
    public void HugeArray_WithUniqueItems_IsLinear()
    {
        var body = "[" + string.Join(",", Enumerable.Range(0, 200_000)) + ",0]";
        var watch = Stopwatch.StartNew();
        var result = Model("""{"uniqueItems":true,"items":{"type":"integer"}}""").ValidateBody(Encoding.UTF8.GetBytes(body));
        Assert.Equal("[array must not contain duplicate elements]", result.ValidationErrorString);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
    }

    [Fact]
    public void CatastrophicPattern_TimesOut_AsAFailure()
    {
        var model = Model("""{"pattern":"^(a+)+$"}""", new SchemaValidationLimits { RegexTimeout = TimeSpan.FromMilliseconds(50) });
        var result = model.ValidateBody(Encoding.UTF8.GetBytes("\"" + new string('a', 5000) + "!\""));
        Assert.Equal("[request body is too complex to validate]", result.ValidationErrorString);
    }

    [Fact]
    public void CatastrophicPatternProperties_OnManyMembers_StopAtTheFirstTimeout()
    {
        var model = Model("""{"patternProperties":{"^(a+)+$":{}},"additionalProperties":false}""",
            new SchemaValidationLimits { RegexTimeout = TimeSpan.FromMilliseconds(50) });
        var members = Enumerable.Range(0, 1000).Select(i => $"\"{new string('a', 3000)}{i}!\":0");
        var watch = Stopwatch.StartNew();
        var result = model.ValidateBody(Encoding.UTF8.GetBytes("{" + string.Join(",", members) + "}"));
        Assert.Equal("[request body is too complex to validate]", result.ValidationErrorString);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
    }

    [Fact]
    public void RandomBodies_NeverThrow()
    {
        // Seeded: mutations of a valid body (byte flips, truncations, splices) against a schema using every keyword family.
        var model = Model("""
            {"type":"object","required":["a"],"minProperties":1,"maxProperties":5,
             "properties":{"a":{"type":["integer","string"],"minimum":0,"maxLength":3,"pattern":"^x"},
                           "b":{"type":"array","items":[{"enum":[1,"1",null]}],"additionalItems":{"uniqueItems":true},"minItems":1},
                           "c":{"anyOf":[{"multipleOf":0.5},{"not":{"type":"object"}}],"oneOf":[{"type":"number"},{"type":"string"}]}},
             "patternProperties":{"^d":{"allOf":[{"type":"object"},{"dependencies":{"x":["y"]}}]}},
             "additionalProperties":false}
            """);
        var seed = Encoding.UTF8.GetBytes("""{"a":"xy","b":[1,[1,2],{"k":[true,false,null]}],"c":2.5,"d1":{"x":1,"y":"\u00e9"}}""");
        var random = new Random(12345);
        for (var i = 0; i < 5000; i++)
        {
            var body = (byte[])seed.Clone();
            switch (random.Next(3))
            {
                case 0:
                    body[random.Next(body.Length)] = (byte)random.Next(256);
                    break;
                case 1:
                    body = body[..random.Next(body.Length)];
                    break;
                default:
                    var at = random.Next(body.Length);
                    body = [.. body[..at], .. seed[random.Next(seed.Length)..], .. body[at..]];
                    break;
            }

            var result = model.ValidateBody(body);
            Assert.NotNull(result.ValidationErrorString);
        }
    }

    [Fact]
    public void InvalidUtf8_IsInvalidJson()
    {
        var result = Model("""{"type":"string"}""").ValidateBody(new byte[] { (byte)'"', 0xC3, 0x28, (byte)'"' });
        Assert.Equal("[request body is not valid JSON]", result.ValidationErrorString);
    }

    [Fact]
    public void DeeplyNestedSchema_IsACompileError()
    {
        var schema = "{}";
        for (var i = 0; i < 200; i++)
        {
            schema = $$"""{"items":{{schema}}}""";
        }

        var set = ModelSchemaSet.Compile(new Dictionary<string, JsonElement> { ["M"] = JsonDocument.Parse(schema, new JsonDocumentOptions { MaxDepth = 1000 }).RootElement });
        Assert.Contains(set.Errors, e => e.Contains("nested more than", StringComparison.Ordinal));
    }
}
