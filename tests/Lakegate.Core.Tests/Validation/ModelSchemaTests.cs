using System.Text;
using System.Text.Json;
using Lakegate.Core.Validation;

namespace Lakegate.Core.Tests.Validation;

/// <summary>Draft-4 keywords, one by one, with the texts API Gateway (fge) reports.</summary>
public class ModelSchemaTests
{
    internal static ModelSchema Model(string schema, SchemaValidationLimits? limits = null)
    {
        var set = ModelSchemaSet.Compile(new Dictionary<string, JsonElement> { ["M"] = JsonDocument.Parse(schema).RootElement.Clone() }, limits);
        Assert.Empty(set.Errors);
        return set.Get("M")!;
    }

    internal static SchemaValidationResult Validate(string schema, string body) => Model(schema).ValidateBody(Encoding.UTF8.GetBytes(body));

    private static void Valid(string schema, string body)
    {
        var result = Validate(schema, body);
        Assert.True(result.IsValid, result.ValidationErrorString);
    }

    private static void Invalid(string schema, string body, string validationErrorString) =>
        Assert.Equal(validationErrorString, Validate(schema, body).ValidationErrorString);

    [Fact]
    public void Required_Missing_ListsMissingSortedAsAwsDoes()
    {
        // Confirmed AWS text: [object has missing required properties (["email"])]; fge sorts the names.
        Invalid("""{"type":"object","required":["name","email","age"]}""", """{"age":1}""",
            """[object has missing required properties (["email","name"])]""");
        Valid("""{"required":["a"]}""", """{"a":null}""");
    }

    [Fact]
    public void Type_Number_AllowsIntegers_AndSaysSoInTheMessage()
    {
        // Confirmed AWS text for "type": "number" given a string.
        Invalid("""{"type":"object","properties":{"amount":{"type":"number"}}}""", """{"amount":"100"}""",
            """[instance type (string) does not match any allowed primitive type (allowed: ["integer","number"])]""");
        Valid("""{"type":"number"}""", "3");
        Valid("""{"type":"number"}""", "3.5");
    }

    [Fact]
    public void Type_Integer_RejectsDecimalsAndExponents_AsDraft4Does()
    {
        Valid("""{"type":"integer"}""", "42");
        Valid("""{"type":"integer"}""", "123456789012345678901234567890");
        Invalid("""{"type":"integer"}""", "1.0", """[instance type (number) does not match any allowed primitive type (allowed: ["integer"])]""");
        Invalid("""{"type":"integer"}""", "1e2", """[instance type (number) does not match any allowed primitive type (allowed: ["integer"])]""");
    }

    [Fact]
    public void Type_Array_OfTypes()
    {
        Valid("""{"type":["string","null"]}""", "null");
        Invalid("""{"type":["string","null"]}""", "true", """[instance type (boolean) does not match any allowed primitive type (allowed: ["null","string"])]""");
    }

    [Fact]
    public void Properties_AndAdditionalProperties_False()
    {
        const string schema = """{"properties":{"a":{"type":"string"}},"patternProperties":{"^x-":{"type":"integer"}},"additionalProperties":false}""";
        Valid(schema, """{"a":"s","x-1":2}""");
        Invalid(schema, """{"a":"s","zeta":1,"beta":2}""", """[object instance has properties which are not allowed by the schema: ["beta","zeta"]]""");
        Invalid(schema, """{"x-1":"no"}""", """[instance type (string) does not match any allowed primitive type (allowed: ["integer"])]""");
    }

    [Fact]
    public void AdditionalProperties_Schema_AppliesToUnlistedMembersOnly()
    {
        const string schema = """{"properties":{"a":{"type":"string"}},"additionalProperties":{"type":"integer"}}""";
        Valid(schema, """{"a":"s","b":1}""");
        Invalid(schema, """{"a":"s","b":"x"}""", """[instance type (string) does not match any allowed primitive type (allowed: ["integer"])]""");
    }

    [Fact]
    public void Items_SchemaAndTuple_WithAdditionalItems()
    {
        Valid("""{"items":{"type":"integer"}}""", "[1,2,3]");
        Invalid("""{"items":{"type":"integer"}}""", """[1,"2"]""", """[instance type (string) does not match any allowed primitive type (allowed: ["integer"])]""");
        const string tuple = """{"items":[{"type":"string"},{"type":"integer"}],"additionalItems":false}""";
        Valid(tuple, """["a",1]""");
        Invalid(tuple, """["a",1,true]""", "[schema only allows 2 elements in array but instance has 3 elements]");
        Invalid("""{"items":[{"type":"string"}],"additionalItems":{"type":"boolean"}}""", """["a",true,3]""",
            """[instance type (integer) does not match any allowed primitive type (allowed: ["boolean"])]""");
    }

    [Fact]
    public void MinItemsMaxItems_UniqueItems()
    {
        Invalid("""{"minItems":2}""", "[1]", "[array is too short: must have at least 2 elements but instance has 1 elements]");
        Invalid("""{"maxItems":1}""", "[1,2]", "[array is too long: must have at most 1 elements but instance has 2 elements]");
        Invalid("""{"uniqueItems":true}""", """[1,{"a":[1]},1.0]""", "[array must not contain duplicate elements]");
        Invalid("""{"uniqueItems":true}""", """[{"a":1,"b":2},{"b":2,"a":1}]""", "[array must not contain duplicate elements]");
        Valid("""{"uniqueItems":true}""", """[1,"1",[1],{"a":1}]""");
    }

    [Fact]
    public void Enum_UsesJsonEquality()
    {
        const string schema = """{"type":"object","properties":{"type":{"type":"string","enum":["dog","cat","fish"]}}}""";
        Valid(schema, """{"type":"cat"}""");
        Invalid(schema, """{"type":"bird"}""", """[instance value ("bird") not found in enum (possible values: ["dog","cat","fish"])]""");
        Valid("""{"enum":[1,{"a":[true]}]}""", """{"a":[true]}""");
        Valid("""{"enum":[1]}""", "1.0");
    }

    [Fact]
    public void MinimumMaximum_InclusiveByDefault()
    {
        const string schema = """{"type":"number","minimum":25,"maximum":500}""";
        Valid(schema, "25");
        Valid(schema, "500");
        Invalid(schema, "501", "[numeric instance is greater than the required maximum (maximum: 500, found: 501)]");
        Invalid(schema, "24.99", "[numeric instance is lower than the required minimum (minimum: 25, found: 24.99)]");
    }

    [Fact]
    public void ExclusiveMinimumMaximum_AreDraft4Booleans()
    {
        const string schema = """{"minimum":0,"exclusiveMinimum":true,"maximum":10,"exclusiveMaximum":true}""";
        Valid(schema, "0.0001");
        Invalid(schema, "0", "[numeric instance is not strictly greater than the required minimum 0]");
        Invalid(schema, "10", "[numeric instance is not strictly lower than the required maximum 10]");
        Valid("""{"minimum":0,"exclusiveMinimum":false}""", "0");
    }

    [Fact]
    public void ExclusiveMinimum_AsANumber_IsACompileError()
    {
        var set = ModelSchemaSet.Compile(new Dictionary<string, JsonElement> { ["M"] = JsonDocument.Parse("""{"exclusiveMinimum":5}""").RootElement });
        Assert.Equal("model M #/exclusiveMinimum: must be a boolean (draft 4)", Assert.Single(set.Errors));
    }

    [Fact]
    public void MultipleOf_IsExactForDecimals()
    {
        Valid("""{"multipleOf":0.01}""", "19.99");
        Valid("""{"multipleOf":3}""", "9");
        Invalid("""{"multipleOf":3}""", "10", "[remainder of division is not zero (10 / 3)]");
    }

    [Fact]
    public void MinLengthMaxLength_CountCodePoints()
    {
        Valid("""{"maxLength":2}""", "\"😀😀\"");
        Invalid("""{"maxLength":2}""", "\"abc\"", """[string "abc" is too long (length: 3, maximum allowed: 2)]""");
        Invalid("""{"minLength":2}""", "\"😀\"", """[string "😀" is too short (length: 1, required minimum: 2)]""");
    }

    [Fact]
    public void Pattern_IsAnUnanchoredEcmaSearch()
    {
        Valid("""{"pattern":"b+"}""", "\"abbbc\"");
        Invalid("""{"pattern":"^[a-z]+$"}""", "\"ab1\"", """[ECMA 262 regex "^[a-z]+$" does not match input string "ab1"]""");
        // ECMA 262: \d is ASCII only.
        Invalid("""{"pattern":"^\\d$"}""", "\"٣\"", """[ECMA 262 regex "^\d$" does not match input string "٣"]""");
    }

    [Fact]
    public void MinPropertiesMaxProperties()
    {
        Invalid("""{"minProperties":2}""", """{"a":1}""", "[object has too few properties (found 1 but schema requires at least 2)]");
        Invalid("""{"maxProperties":1}""", """{"a":1,"b":2}""", "[object has too many properties (found 2 but schema requires at most 1)]");
    }

    [Fact]
    public void Combinators()
    {
        Invalid("""{"allOf":[{"type":"integer"},{"minimum":5}]}""", "3", "[instance failed to match all required schemas (matched only 1 out of 2)]");
        Invalid("""{"anyOf":[{"type":"string"},{"type":"boolean"}]}""", "3", "[instance failed to match at least one required schema among 2]");
        Invalid("""{"oneOf":[{"type":"integer"},{"minimum":0}]}""", "3", "[instance failed to match exactly one schema (matched 2 out of 2)]");
        Valid("""{"oneOf":[{"type":"integer"},{"type":"string"}]}""", "3");
        Invalid("""{"not":{"type":"null"}}""", "null", "[instance matched a schema which it should not have]");
    }

    [Fact]
    public void Dependencies_PropertyAndSchema()
    {
        const string schema = """{"dependencies":{"card":["cvc","billing"],"gift":{"required":["to"]}}}""";
        Valid(schema, """{"card":1,"billing":2,"cvc":3}""");
        Invalid(schema, """{"card":1,"cvc":3}""", """[property "card" of object has missing property dependencies (schema requires ["billing","cvc"]; missing: ["billing"])]""");
        Invalid(schema, """{"gift":1}""", """[object has missing required properties (["to"])]""");
    }

    [Fact]
    public void Format_IsIgnored()
    {
        Valid("""{"type":"string","format":"email"}""", "\"not an email\"");
    }

    [Fact]
    public void SeveralFailuresAtOneLevel_AreAllReported_ChildrenAreNotVisited()
    {
        // fge checks every keyword of a level, then descends only while the report is clean.
        const string schema = """{"type":"object","required":["a"],"maxProperties":1,"properties":{"b":{"type":"string"}}}""";
        Invalid(schema, """{"b":1,"c":2}""",
            """[object has too many properties (found 2 but schema requires at most 1), object has missing required properties (["a"])]""");
    }

    [Fact]
    public void Members_AreVisitedInNameOrder_AsFgeSortsThem()
    {
        const string schema = """{"additionalProperties":{"type":"string"}}""";
        Invalid(schema, """{"b":true,"a":1}""",
            """[instance type (integer) does not match any allowed primitive type (allowed: ["string"]), instance type (boolean) does not match any allowed primitive type (allowed: ["string"])]""");
    }

    [Fact]
    public void Body_NotJson_IsInvalid()
    {
        var result = Validate("""{"type":"object"}""", "{not json");
        Assert.False(result.IsValid);
        Assert.Equal("[request body is not valid JSON]", result.ValidationErrorString);
    }

    [Fact]
    public void Body_Empty_IsValidatedAsAnEmptyObject()
    {
        Valid("""{"type":"object"}""", "");
        Invalid("""{"required":["a"]}""", "  ", """[object has missing required properties (["a"])]""");
    }
}
