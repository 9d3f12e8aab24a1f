using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lakegate.Core.Validation;

/// <summary>
/// Compiles the models of one API (draft-4 JSON Schemas) into <see cref="SchemaNode"/> graphs, once
/// per deployment. Nodes are cached by (model, JSON pointer), so <c>$ref</c>s between models and
/// recursive models share nodes. Every problem is collected, attributed to the model it is in.
/// </summary>
internal sealed class SchemaCompiler
{
    private const int MaxSchemaDepth = 128;
    private const string DefinitionsPrefix = "/definitions/";
    private const string ComponentsPrefix = "/components/schemas/";

    private readonly IReadOnlyDictionary<string, JsonElement> _models;
    private readonly TimeSpan _regexTimeout;
    private readonly Dictionary<(string Model, string Pointer), SchemaNode> _nodes = [];

    public SchemaCompiler(IReadOnlyDictionary<string, JsonElement> models, TimeSpan regexTimeout)
    {
        _models = models;
        _regexTimeout = regexTimeout;
    }

    /// <summary>Model name → problems found in it.</summary>
    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Model name → models its <c>$ref</c>s point into.</summary>
    public Dictionary<string, HashSet<string>> References { get; } = new(StringComparer.Ordinal);

    public SchemaNode CompileModel(string name) => GetOrCompile(name, string.Empty, _models[name], 0);

    private SchemaNode GetOrCompile(string model, string pointer, JsonElement schema, int depth)
    {
        if (_nodes.TryGetValue((model, pointer), out var node))
        {
            return node;
        }

        node = new SchemaNode();
        _nodes.Add((model, pointer), node);
        if (depth > MaxSchemaDepth)
        {
            Error(model, pointer, $"schema is nested more than {MaxSchemaDepth} levels deep");
            node.UnresolvedRef = "#" + pointer;
            return node;
        }

        Fill(node, model, pointer, schema, depth);
        return node;
    }

    private void Fill(SchemaNode node, string model, string pointer, JsonElement schema, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            Error(model, pointer, "a schema must be a JSON object");
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            if (reference.ValueKind != JsonValueKind.String)
            {
                Error(model, pointer, "$ref must be a string");
                return;
            }

            var text = reference.GetString()!;
            node.Ref = Resolve(model, text, depth);
            if (node.Ref is null)
            {
                node.UnresolvedRef = text;
                Error(model, pointer, $"$ref \"{text}\" does not name a model of this API or a schema inside one");
            }

            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var at = pointer + "/" + Escape(keyword.Name);
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "type":
                    ReadType(node, model, at, value);
                    break;
                case "properties":
                    if (RequireKind(model, at, value, JsonValueKind.Object))
                    {
                        node.Properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
                        foreach (var property in value.EnumerateObject())
                        {
                            node.Properties[property.Name] = Child(model, at, property.Name, property.Value, depth);
                        }
                    }

                    break;
                case "patternProperties":
                    if (RequireKind(model, at, value, JsonValueKind.Object))
                    {
                        var patterns = new List<(Regex, SchemaNode)>();
                        foreach (var property in value.EnumerateObject())
                        {
                            if (CreateRegex(model, at, property.Name) is { } regex)
                            {
                                patterns.Add((regex, Child(model, at, property.Name, property.Value, depth)));
                            }
                        }

                        node.PatternProperties = [.. patterns];
                    }

                    break;
                case "additionalProperties":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        node.AdditionalPropertiesAllowed = value.ValueKind == JsonValueKind.True;
                    }
                    else if (RequireKind(model, at, value, JsonValueKind.Object))
                    {
                        node.AdditionalProperties = GetOrCompile(model, at, value, depth + 1);
                    }

                    break;
                case "items":
                    if (value.ValueKind == JsonValueKind.Array)
                    {
                        node.ItemsArray = [.. value.EnumerateArray().Select((item, i) => Child(model, at, i.ToString(System.Globalization.CultureInfo.InvariantCulture), item, depth))];
                    }
                    else if (RequireKind(model, at, value, JsonValueKind.Object))
                    {
                        node.Items = GetOrCompile(model, at, value, depth + 1);
                    }

                    break;
                case "additionalItems":
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        node.AdditionalItemsAllowed = value.ValueKind == JsonValueKind.True;
                    }
                    else if (RequireKind(model, at, value, JsonValueKind.Object))
                    {
                        node.AdditionalItems = GetOrCompile(model, at, value, depth + 1);
                    }

                    break;
                case "minItems":
                    node.MinItems = ReadCount(model, at, value);
                    break;
                case "maxItems":
                    node.MaxItems = ReadCount(model, at, value);
                    break;
                case "minLength":
                    node.MinLength = ReadCount(model, at, value);
                    break;
                case "maxLength":
                    node.MaxLength = ReadCount(model, at, value);
                    break;
                case "minProperties":
                    node.MinProperties = ReadCount(model, at, value);
                    break;
                case "maxProperties":
                    node.MaxProperties = ReadCount(model, at, value);
                    break;
                case "uniqueItems":
                    if (RequireBoolean(model, at, value))
                    {
                        node.UniqueItems = value.GetBoolean();
                    }

                    break;
                case "enum":
                    if (RequireKind(model, at, value, JsonValueKind.Array))
                    {
                        node.EnumKeys = [.. value.EnumerateArray().Select(JsonValues.CanonicalKey)];
                        node.EnumText = JsonValues.Compact(value);
                    }

                    break;
                case "minimum":
                    if (RequireKind(model, at, value, JsonValueKind.Number))
                    {
                        node.Minimum = SchemaNumber.From(value);
                    }

                    break;
                case "maximum":
                    if (RequireKind(model, at, value, JsonValueKind.Number))
                    {
                        node.Maximum = SchemaNumber.From(value);
                    }

                    break;
                case "exclusiveMinimum":
                    // Draft 4: a boolean modifying "minimum" (draft 6 made it a number; API Gateway speaks draft 4).
                    if (RequireBoolean(model, at, value))
                    {
                        node.ExclusiveMinimum = value.GetBoolean();
                    }

                    break;
                case "exclusiveMaximum":
                    if (RequireBoolean(model, at, value))
                    {
                        node.ExclusiveMaximum = value.GetBoolean();
                    }

                    break;
                case "multipleOf":
                    if (RequireKind(model, at, value, JsonValueKind.Number))
                    {
                        var divisor = SchemaNumber.From(value);
                        if (divisor.Double > 0)
                        {
                            node.MultipleOf = divisor;
                        }
                        else
                        {
                            Error(model, at, "multipleOf must be greater than 0");
                        }
                    }

                    break;
                case "pattern":
                    if (RequireKind(model, at, value, JsonValueKind.String))
                    {
                        node.PatternText = value.GetString()!;
                        node.Pattern = CreateRegex(model, at, node.PatternText);
                    }

                    break;
                case "required":
                    if (RequireKind(model, at, value, JsonValueKind.Array))
                    {
                        if (value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                        {
                            Error(model, at, "required must be an array of property names");
                        }
                        else
                        {
                            node.Required = [.. value.EnumerateArray().Select(v => v.GetString()!).Distinct(StringComparer.Ordinal)];
                        }
                    }

                    break;
                case "allOf":
                    node.AllOf = ReadSchemaArray(model, at, value, depth);
                    break;
                case "anyOf":
                    node.AnyOf = ReadSchemaArray(model, at, value, depth);
                    break;
                case "oneOf":
                    node.OneOf = ReadSchemaArray(model, at, value, depth);
                    break;
                case "not":
                    if (RequireKind(model, at, value, JsonValueKind.Object))
                    {
                        node.Not = GetOrCompile(model, at, value, depth + 1);
                    }

                    break;
                case "dependencies":
                    ReadDependencies(node, model, at, value, depth);
                    break;
                default:
                    // format (fge checks a few, API Gateway's validation does not rely on it), id,
                    // $schema, title, description, default, definitions (reached through $ref), ...
                    break;
            }
        }
    }

    private SchemaNode Child(string model, string at, string name, JsonElement schema, int depth) =>
        GetOrCompile(model, at + "/" + Escape(name), schema, depth + 1);

    private void ReadType(SchemaNode node, string model, string at, JsonElement value)
    {
        var names = value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : new[] { value };
        var types = JsonTypes.None;
        foreach (var name in names)
        {
            var type = name.ValueKind == JsonValueKind.String ? name.GetString() switch
            {
                "array" => JsonTypes.Array,
                "boolean" => JsonTypes.Boolean,
                "integer" => JsonTypes.Integer,
                "null" => JsonTypes.Null,
                "number" => JsonTypes.Number,
                "object" => JsonTypes.Object,
                "string" => JsonTypes.String,
                _ => JsonTypes.None,
            } : JsonTypes.None;
            if (type == JsonTypes.None)
            {
                Error(model, at, $"unknown type {JsonValues.Compact(name)} (draft 4 knows array, boolean, integer, null, number, object, string)");
                return;
            }

            types |= type;
        }

        // fge widens "number" to include "integer", and says so in its message: (allowed: ["integer","number"]).
        if (types.HasFlag(JsonTypes.Number))
        {
            types |= JsonTypes.Integer;
        }

        node.Types = types;
        node.TypeList = JsonValues.TypeList(types);
    }

    private SchemaNode[]? ReadSchemaArray(string model, string at, JsonElement value, int depth)
    {
        if (!RequireKind(model, at, value, JsonValueKind.Array))
        {
            return null;
        }

        if (value.GetArrayLength() == 0)
        {
            Error(model, at, "must list at least one schema");
            return null;
        }

        return [.. value.EnumerateArray().Select((item, i) => Child(model, at, i.ToString(System.Globalization.CultureInfo.InvariantCulture), item, depth))];
    }

    private void ReadDependencies(SchemaNode node, string model, string at, JsonElement value, int depth)
    {
        if (!RequireKind(model, at, value, JsonValueKind.Object))
        {
            return;
        }

        var properties = new List<(string, string[], string)>();
        var schemas = new List<(string, SchemaNode)>();
        // fge's digester sorts dependencies by name and each property's required names.
        foreach (var dependency in value.EnumerateObject().OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (dependency.Value.ValueKind == JsonValueKind.Array)
            {
                string[] required = [.. dependency.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).Order(StringComparer.Ordinal)];
                properties.Add((dependency.Name, required, JsonValues.StringArray(required)));
            }
            else if (RequireKind(model, at + "/" + Escape(dependency.Name), dependency.Value, JsonValueKind.Object))
            {
                schemas.Add((dependency.Name, Child(model, at, dependency.Name, dependency.Value, depth)));
            }
        }

        node.PropertyDependencies = properties.Count > 0 ? [.. properties] : null;
        node.SchemaDependencies = schemas.Count > 0 ? [.. schemas] : null;
    }

    /// <summary>
    /// Resolves a <c>$ref</c> as API Gateway exports spell them: the model URL
    /// (<c>https://apigateway.amazonaws.com/restapis/{id}/models/{Name}</c>), <c>#/definitions/Name</c>
    /// (OAS2), <c>#/components/schemas/Name</c> (OAS3), a bare model name, or a JSON pointer inside the
    /// current model (a model's own <c>definitions</c> win over a model of the same name).
    /// </summary>
    private SchemaNode? Resolve(string model, string reference, int depth)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var uri = hash < 0 ? reference : reference[..hash];
        var fragment = hash < 0 ? string.Empty : Unescape(reference[(hash + 1)..]);
        if (fragment.Length > 0 && fragment[0] != '/')
        {
            return null;
        }

        var target = model;
        if (uri.Length > 0)
        {
            if (ModelName(uri) is not { } name || !_models.ContainsKey(name))
            {
                return null;
            }

            target = name;
        }

        if (Navigate(_models[target], fragment) is { } element)
        {
            return Reference(model, target, fragment, element, depth);
        }

        if (uri.Length == 0)
        {
            foreach (var prefix in (ReadOnlySpan<string>)[DefinitionsPrefix, ComponentsPrefix])
            {
                if (!fragment.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var rest = fragment[prefix.Length..];
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                var name = UnescapeToken(slash < 0 ? rest : rest[..slash]);
                var inner = slash < 0 ? string.Empty : rest[slash..];
                if (_models.TryGetValue(name, out var other) && Navigate(other, inner) is { } found)
                {
                    return Reference(model, name, inner, found, depth);
                }
            }
        }

        return null;
    }

    private SchemaNode Reference(string from, string model, string pointer, JsonElement element, int depth)
    {
        if (!References.TryGetValue(from, out var targets))
        {
            References[from] = targets = new HashSet<string>(StringComparer.Ordinal);
        }

        targets.Add(model);
        return GetOrCompile(model, pointer, element, depth + 1);
    }

    private static string? ModelName(string uri)
    {
        var trimmed = uri.TrimEnd('/');
        const string marker = "/models/";
        var at = trimmed.LastIndexOf(marker, StringComparison.Ordinal);
        var name = at >= 0 ? trimmed[(at + marker.Length)..] : trimmed[(trimmed.LastIndexOf('/') + 1)..];
        name = Uri.UnescapeDataString(name);
        return name.Length == 0 || name.Contains('/', StringComparison.Ordinal) ? null : name;
    }

    private static JsonElement? Navigate(JsonElement root, string pointer)
    {
        if (pointer.Length == 0)
        {
            return root;
        }

        var current = root;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = UnescapeToken(raw);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    private Regex? CreateRegex(string model, string at, string pattern)
    {
        // ECMAScript semantics first (\d, \w ASCII as in ECMA 262); .NET's own dialect for what that mode refuses (\p{..}, lookbehind).
        try
        {
            return new Regex(pattern, RegexOptions.ECMAScript | RegexOptions.CultureInvariant, _regexTimeout);
        }
        catch (ArgumentException)
        {
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, _regexTimeout);
        }
        catch (ArgumentException)
        {
            Error(model, at, $"\"{pattern}\" is not a valid regular expression");
            return null;
        }
    }

    private int? ReadCount(string model, string at, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0)
        {
            return count;
        }

        Error(model, at, "must be a non-negative integer");
        return null;
    }

    private bool RequireBoolean(string model, string at, JsonElement value)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return true;
        }

        Error(model, at, "must be a boolean (draft 4)");
        return false;
    }

    private bool RequireKind(string model, string at, JsonElement value, JsonValueKind kind)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        Error(model, at, $"must be a JSON {kind.ToString().ToLowerInvariant()}");
        return false;
    }

    private void Error(string model, string pointer, string message)
    {
        if (!Errors.TryGetValue(model, out var list))
        {
            Errors[model] = list = [];
        }

        list.Add($"model {model} #{pointer}: {message}");
    }

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string UnescapeToken(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static string Unescape(string fragment)
    {
        try
        {
            return Uri.UnescapeDataString(fragment);
        }
        catch (UriFormatException)
        {
            return fragment;
        }
    }
}
