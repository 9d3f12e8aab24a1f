using System.Text.Json;

namespace Lakegate.Core.Validation;

/// <summary>
/// One API model compiled for request-body validation (JSON Schema draft 4, as API Gateway uses).
/// Thread-safe and immutable: built once per deployment, shared by every request.
/// </summary>
public sealed class ModelSchema
{
    private readonly SchemaNode _root;
    private readonly SchemaValidationLimits _limits;

    internal ModelSchema(string name, SchemaNode root, IReadOnlyList<string> errors, SchemaValidationLimits limits)
    {
        Name = name;
        _root = root;
        Errors = errors;
        _limits = limits;
    }

    public string Name { get; }

    /// <summary>Problems in this model or in a model it references; empty when it compiled cleanly.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Validates a parsed instance. Never throws; hostile input ends in an error result.</summary>
    public SchemaValidationResult Validate(JsonElement instance)
    {
        var errors = new SchemaEvaluator(_limits).Validate(_root, instance);
        return errors.Count == 0 ? SchemaValidationResult.Valid : new SchemaValidationResult(errors);
    }

    /// <summary>
    /// Validates a UTF-8 request body. An empty (or all-blank) body is validated as <c>{}</c>, as
    /// LocalStack does after AWS; a body that is not JSON, or nests deeper than the limit, is invalid.
    /// </summary>
    public SchemaValidationResult ValidateBody(ReadOnlyMemory<byte> utf8)
    {
        if (IsBlank(utf8.Span))
        {
            using var empty = JsonDocument.Parse("{}");
            return Validate(empty.RootElement);
        }

        // Jackson refuses malformed UTF-8; System.Text.Json would only notice when a string is read.
        if (!System.Text.Unicode.Utf8.IsValid(utf8.Span))
        {
            return new SchemaValidationResult([SchemaMessages.InvalidJson]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = _limits.MaxInstanceDepth });
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return new SchemaValidationResult([SchemaMessages.InvalidJson]);
        }

        using (document)
        {
            return Validate(document.RootElement);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
