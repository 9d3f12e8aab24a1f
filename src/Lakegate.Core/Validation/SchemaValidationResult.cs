namespace Lakegate.Core.Validation;

/// <summary>The outcome of validating one body against one model.</summary>
public sealed class SchemaValidationResult
{
    public static readonly SchemaValidationResult Valid = new([]);

    public SchemaValidationResult(IReadOnlyList<string> errors) => Errors = errors;

    /// <summary>fge-style messages, in the order the reference validator reports them.</summary>
    public IReadOnlyList<string> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    /// <summary>
    /// <c>$context.error.validationErrorString</c>: the messages as a Java list prints them,
    /// <c>[msg1, msg2]</c> (AWS shows e.g. <c>[object has missing required properties (["name"])]</c>).
    /// </summary>
    public string ValidationErrorString => "[" + string.Join(", ", Errors) + "]";
}
