using System.Globalization;

namespace Lakegate.Core.Validation;

/// <summary>
/// The texts API Gateway puts in <c>$context.error.validationErrorString</c>. API Gateway validates
/// with the Java json-schema-validator (fge); these are its message bundle entries
/// (<c>com/github/fge/jsonschema/validator/validation.properties</c>) with arguments laid out as its
/// keyword validators pass them: JSON values printed compactly (<c>["a","b"]</c>), lists sorted where
/// fge sorts them.
/// <para>Confirmed against responses recorded from AWS: <see cref="MissingRequired"/>
/// (<c>[object has missing required properties (["email"])]</c>) and <see cref="TypeNoMatch"/>
/// (<c>[instance type (string) does not match any allowed primitive type (allowed: ["integer","number"])]</c>
/// for <c>"type": "number"</c>), and the two response bodies (<c>Invalid request body</c>,
/// <c>Missing required request parameters: [q1]</c>, developer guide). The others are checked against
/// fge's sources (bundle text, argument order, sorting) but not seen in a recorded AWS response: best
/// effort. Numbers are printed as the body spelled them; Jackson may print exponents differently
/// (<c>1E+2</c>).</para>
/// </summary>
internal static class SchemaMessages
{
    public static string MissingRequired(string missingJson) => $"object has missing required properties ({missingJson})";

    public static string TypeNoMatch(string found, string allowedJson) =>
        $"instance type ({found}) does not match any allowed primitive type (allowed: {allowedJson})";

    public static string AdditionalItems(int allowed, int found) =>
        string.Create(CultureInfo.InvariantCulture, $"schema only allows {allowed} elements in array but instance has {found} elements");

    public static string MinItems(int min, int found) =>
        string.Create(CultureInfo.InvariantCulture, $"array is too short: must have at least {min} elements but instance has {found} elements");

    public static string MaxItems(int max, int found) =>
        string.Create(CultureInfo.InvariantCulture, $"array is too long: must have at most {max} elements but instance has {found} elements");

    public const string DuplicateElements = "array must not contain duplicate elements";

    public static string Minimum(string minimum, string found) => $"numeric instance is lower than the required minimum (minimum: {minimum}, found: {found})";

    public static string ExclusiveMinimum(string minimum) => $"numeric instance is not strictly greater than the required minimum {minimum}";

    public static string Maximum(string maximum, string found) => $"numeric instance is greater than the required maximum (maximum: {maximum}, found: {found})";

    // fge's bundle has a double space after the '=' of this key; properties files drop leading blanks.
    public static string ExclusiveMaximum(string maximum) => $"numeric instance is not strictly lower than the required maximum {maximum}";

    public static string AdditionalProperties(string unwantedJson) => $"object instance has properties which are not allowed by the schema: {unwantedJson}";

    public static string MinLength(string value, int length, int min) =>
        string.Create(CultureInfo.InvariantCulture, $"string \"{value}\" is too short (length: {length}, required minimum: {min})");

    public static string MaxLength(string value, int length, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"string \"{value}\" is too long (length: {length}, maximum allowed: {max})");

    public static string Pattern(string regex, string value) => $"ECMA 262 regex \"{regex}\" does not match input string \"{value}\"";

    public static string NotInEnum(string valueJson, string enumJson) => $"instance value ({valueJson}) not found in enum (possible values: {enumJson})";

    public static string MultipleOf(string value, string divisor) => $"remainder of division is not zero ({value} / {divisor})";

    public static string MinProperties(int found, int min) =>
        string.Create(CultureInfo.InvariantCulture, $"object has too few properties (found {found} but schema requires at least {min})");

    public static string MaxProperties(int found, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"object has too many properties (found {found} but schema requires at most {max})");

    public static string PropertyDependencies(string property, string requiredJson, string missingJson) =>
        $"property \"{property}\" of object has missing property dependencies (schema requires {requiredJson}; missing: {missingJson})";

    public static string AnyOf(int count) => string.Create(CultureInfo.InvariantCulture, $"instance failed to match at least one required schema among {count}");

    public static string AllOf(int matched, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"instance failed to match all required schemas (matched only {matched} out of {count})");

    public static string OneOf(int matched, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"instance failed to match exactly one schema (matched {matched} out of {count})");

    public const string Not = "instance matched a schema which it should not have";

    // Lakegate's own texts (AWS has no equivalent we could observe): best effort, kept short and generic.
    public const string InvalidJson = "request body is not valid JSON";

    public const string LimitExceeded = "request body is too complex to validate";

    public static string Unresolved(string reference) => $"schema reference \"{reference}\" cannot be resolved";
}
