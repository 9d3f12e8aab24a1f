using System.Text.RegularExpressions;

namespace Lakegate.Core.Validation;

/// <summary>
/// One compiled draft-4 schema object. Built by <see cref="SchemaCompiler"/> (which fills it in place,
/// so <c>$ref</c> cycles close over the same node) and read-only once compilation is done.
/// </summary>
internal sealed class SchemaNode
{
    /// <summary>Set when the schema is a <c>$ref</c>: draft 4 ignores its siblings.</summary>
    public SchemaNode? Ref { get; set; }

    /// <summary>A <c>$ref</c> that could not be resolved: every instance fails with this text.</summary>
    public string? UnresolvedRef { get; set; }

    public JsonTypes Types { get; set; }

    public string? TypeList { get; set; }

    public Dictionary<string, SchemaNode>? Properties { get; set; }

    public (Regex Regex, SchemaNode Schema)[]? PatternProperties { get; set; }

    public bool AdditionalPropertiesAllowed { get; set; } = true;

    public SchemaNode? AdditionalProperties { get; set; }

    public SchemaNode? Items { get; set; }

    public SchemaNode[]? ItemsArray { get; set; }

    public bool AdditionalItemsAllowed { get; set; } = true;

    public SchemaNode? AdditionalItems { get; set; }

    public int? MinItems { get; set; }

    public int? MaxItems { get; set; }

    public bool UniqueItems { get; set; }

    public HashSet<string>? EnumKeys { get; set; }

    public string? EnumText { get; set; }

    public SchemaNumber? Minimum { get; set; }

    public bool ExclusiveMinimum { get; set; }

    public SchemaNumber? Maximum { get; set; }

    public bool ExclusiveMaximum { get; set; }

    public SchemaNumber? MultipleOf { get; set; }

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public Regex? Pattern { get; set; }

    public string? PatternText { get; set; }

    public int? MinProperties { get; set; }

    public int? MaxProperties { get; set; }

    public string[]? Required { get; set; }

    public SchemaNode[]? AllOf { get; set; }

    public SchemaNode[]? AnyOf { get; set; }

    public SchemaNode[]? OneOf { get; set; }

    public SchemaNode? Not { get; set; }

    public (string Property, string[] Required, string RequiredText)[]? PropertyDependencies { get; set; }

    public (string Property, SchemaNode Schema)[]? SchemaDependencies { get; set; }
}
