using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lakegate.Core.Validation;

/// <summary>
/// Validates one instance against a compiled schema, reporting as fge does: at each level every
/// keyword is checked (in keyword order), and children are only visited while the report is still
/// clean (fge's ValidationProcessor). Combinators validate into a private report and add one
/// summary message. One evaluator per validation: it carries the step budget.
/// </summary>
internal sealed class SchemaEvaluator
{
    private readonly SchemaValidationLimits _limits;
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _steps;
    private bool _aborted;

    public SchemaEvaluator(SchemaValidationLimits limits) => _limits = limits;

    public List<string> Validate(SchemaNode root, JsonElement instance)
    {
        var report = new List<string>();
        Validate(root, instance, report, 0);
        if (_aborted)
        {
            report.Clear();
            report.Add(SchemaMessages.LimitExceeded);
        }

        return report;
    }

    private void Validate(SchemaNode node, JsonElement instance, List<string> report, int depth)
    {
        if (_aborted)
        {
            return;
        }

        if (++_steps > _limits.MaxSteps || depth > _limits.MaxEvaluationDepth
            || ((_steps & 0xFF) == 0 && Stopwatch.GetElapsedTime(_started) > _limits.MaxDuration))
        {
            _aborted = true;
            report.Add(SchemaMessages.LimitExceeded);
            return;
        }

        if (node.Ref is { } target)
        {
            // A $ref chain that never reaches a real schema (A → B → A) ends at the depth limit.
            Validate(target, instance, report, depth + 1);
            return;
        }

        if (node.UnresolvedRef is { } unresolved)
        {
            report.Add(SchemaMessages.Unresolved(unresolved));
            return;
        }

        var type = JsonValues.TypeOf(instance);
        CheckKeywords(node, instance, type, report, depth);
        if (report.Count > 0 || _aborted)
        {
            return;
        }

        if (type == JsonTypes.Object)
        {
            ValidateMembers(node, instance, report, depth);
        }
        else if (type == JsonTypes.Array)
        {
            ValidateItems(node, instance, report, depth);
        }
    }

    /// <summary>Keywords in alphabetical order, as fge keeps its validators.</summary>
    private void CheckKeywords(SchemaNode node, JsonElement instance, JsonTypes type, List<string> report, int depth)
    {
        var isNumber = type is JsonTypes.Integer or JsonTypes.Number;
        if (type == JsonTypes.Array && node.ItemsArray is { } tuple && !node.AdditionalItemsAllowed && instance.GetArrayLength() > tuple.Length)
        {
            report.Add(SchemaMessages.AdditionalItems(tuple.Length, instance.GetArrayLength()));
        }

        if (type == JsonTypes.Object && !node.AdditionalPropertiesAllowed)
        {
            CheckAdditionalProperties(node, instance, report);
        }

        if (node.AllOf is { } allOf)
        {
            var matched = CountMatches(allOf, instance, depth);
            if (matched != allOf.Length)
            {
                report.Add(SchemaMessages.AllOf(matched, allOf.Length));
            }
        }

        if (node.AnyOf is { } anyOf && CountMatches(anyOf, instance, depth) == 0)
        {
            report.Add(SchemaMessages.AnyOf(anyOf.Length));
        }

        if (type == JsonTypes.Object && (node.PropertyDependencies is not null || node.SchemaDependencies is not null))
        {
            CheckDependencies(node, instance, report, depth);
        }

        if (node.EnumKeys is { } keys && !keys.Contains(JsonValues.CanonicalKey(instance)))
        {
            report.Add(SchemaMessages.NotInEnum(JsonValues.Compact(instance), node.EnumText!));
        }

        if (type == JsonTypes.Array && node.MaxItems is { } maxItems && instance.GetArrayLength() > maxItems)
        {
            report.Add(SchemaMessages.MaxItems(maxItems, instance.GetArrayLength()));
        }

        if (type == JsonTypes.String && node.MaxLength is { } maxLength)
        {
            var text = instance.GetString()!;
            var length = CodePoints(text);
            if (length > maxLength)
            {
                report.Add(SchemaMessages.MaxLength(text, length, maxLength));
            }
        }

        if (type == JsonTypes.Object && node.MaxProperties is { } maxProperties && CountMembers(instance) is var count && count > maxProperties)
        {
            report.Add(SchemaMessages.MaxProperties(count, maxProperties));
        }

        if (isNumber && node.Maximum is { } maximum)
        {
            var value = SchemaNumber.From(instance);
            var cmp = value.CompareTo(maximum);
            if (cmp > 0)
            {
                report.Add(SchemaMessages.Maximum(maximum.Text, value.Text));
            }
            else if (cmp == 0 && node.ExclusiveMaximum)
            {
                report.Add(SchemaMessages.ExclusiveMaximum(maximum.Text));
            }
        }

        if (type == JsonTypes.Array && node.MinItems is { } minItems && instance.GetArrayLength() < minItems)
        {
            report.Add(SchemaMessages.MinItems(minItems, instance.GetArrayLength()));
        }

        if (type == JsonTypes.String && node.MinLength is { } minLength)
        {
            var text = instance.GetString()!;
            var length = CodePoints(text);
            if (length < minLength)
            {
                report.Add(SchemaMessages.MinLength(text, length, minLength));
            }
        }

        if (type == JsonTypes.Object && node.MinProperties is { } minProperties && CountMembers(instance) is var members && members < minProperties)
        {
            report.Add(SchemaMessages.MinProperties(members, minProperties));
        }

        if (isNumber && node.Minimum is { } minimum)
        {
            var value = SchemaNumber.From(instance);
            var cmp = value.CompareTo(minimum);
            if (cmp < 0)
            {
                report.Add(SchemaMessages.Minimum(minimum.Text, value.Text));
            }
            else if (cmp == 0 && node.ExclusiveMinimum)
            {
                report.Add(SchemaMessages.ExclusiveMinimum(minimum.Text));
            }
        }

        if (isNumber && node.MultipleOf is { } divisor)
        {
            var value = SchemaNumber.From(instance);
            if (!value.IsMultipleOf(divisor))
            {
                report.Add(SchemaMessages.MultipleOf(value.Text, divisor.Text));
            }
        }

        if (node.Not is { } not && Matches(not, instance, depth))
        {
            report.Add(SchemaMessages.Not);
        }

        if (node.OneOf is { } oneOf)
        {
            var matched = CountMatches(oneOf, instance, depth);
            if (matched != 1)
            {
                report.Add(SchemaMessages.OneOf(matched, oneOf.Length));
            }
        }

        if (type == JsonTypes.String && node.Pattern is { } pattern)
        {
            var text = instance.GetString()!;
            if (!IsMatch(pattern, text))
            {
                report.Add(SchemaMessages.Pattern(node.PatternText!, text));
            }
        }

        if (type == JsonTypes.Object && node.Required is { } required)
        {
            var missing = required.Where(name => !instance.TryGetProperty(name, out _)).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                report.Add(SchemaMessages.MissingRequired(JsonValues.StringArray(missing)));
            }
        }

        if (node.Types != JsonTypes.None && !node.Types.HasFlag(type))
        {
            report.Add(SchemaMessages.TypeNoMatch(JsonValues.TypeName(type), node.TypeList!));
        }

        if (type == JsonTypes.Array && node.UniqueItems && !AllUnique(instance))
        {
            report.Add(SchemaMessages.DuplicateElements);
        }
    }

    private void CheckAdditionalProperties(SchemaNode node, JsonElement instance, List<string> report)
    {
        List<string>? unwanted = null;
        foreach (var member in instance.EnumerateObject())
        {
            if (node.Properties?.ContainsKey(member.Name) == true || MatchesAnyPattern(node, member.Name))
            {
                continue;
            }

            if (_aborted)
            {
                return;
            }

            (unwanted ??= []).Add(member.Name);
        }

        if (unwanted is not null)
        {
            report.Add(SchemaMessages.AdditionalProperties(JsonValues.StringArray(unwanted.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))));
        }
    }

    private void CheckDependencies(SchemaNode node, JsonElement instance, List<string> report, int depth)
    {
        foreach (var (property, required, requiredText) in node.PropertyDependencies ?? [])
        {
            if (!instance.TryGetProperty(property, out _))
            {
                continue;
            }

            var missing = required.Where(name => !instance.TryGetProperty(name, out _)).ToList();
            if (missing.Count > 0)
            {
                report.Add(SchemaMessages.PropertyDependencies(property, requiredText, JsonValues.StringArray(missing)));
            }
        }

        foreach (var (property, schema) in node.SchemaDependencies ?? [])
        {
            if (instance.TryGetProperty(property, out _))
            {
                Validate(schema, instance, report, depth + 1);
            }
        }
    }

    /// <summary>Members in name order (fge sorts the field names before descending).</summary>
    private void ValidateMembers(SchemaNode node, JsonElement instance, List<string> report, int depth)
    {
        foreach (var member in instance.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var matched = false;
            if (node.Properties is { } properties && properties.TryGetValue(member.Name, out var schema))
            {
                matched = true;
                Validate(schema, member.Value, report, depth + 1);
            }

            foreach (var (regex, patternSchema) in node.PatternProperties ?? [])
            {
                if (IsMatch(regex, member.Name) && !_aborted)
                {
                    matched = true;
                    Validate(patternSchema, member.Value, report, depth + 1);
                }
            }

            if (!matched && node.AdditionalProperties is { } additional)
            {
                Validate(additional, member.Value, report, depth + 1);
            }

            if (_aborted)
            {
                return;
            }
        }
    }

    private void ValidateItems(SchemaNode node, JsonElement instance, List<string> report, int depth)
    {
        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            var schema = node.Items
                ?? (node.ItemsArray is { } tuple ? (index < tuple.Length ? tuple[index] : node.AdditionalItems) : null);
            if (schema is null)
            {
                return;
            }

            Validate(schema, item, report, depth + 1);
            if (_aborted)
            {
                return;
            }

            index++;
        }
    }

    private int CountMatches(SchemaNode[] schemas, JsonElement instance, int depth)
    {
        var matched = 0;
        foreach (var schema in schemas)
        {
            if (Matches(schema, instance, depth))
            {
                matched++;
            }
        }

        return matched;
    }

    private bool Matches(SchemaNode schema, JsonElement instance, int depth)
    {
        var report = new List<string>();
        Validate(schema, instance, report, depth + 1);
        return report.Count == 0;
    }

    private bool MatchesAnyPattern(SchemaNode node, string name)
    {
        foreach (var (regex, _) in node.PatternProperties ?? [])
        {
            if (IsMatch(regex, name))
            {
                return true;
            }

            if (_aborted)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// ECMA 262 <c>test()</c> semantics: a match anywhere. A timeout counts as no match and ends the
    /// validation, so a body cannot make the gateway sit through one timeout per member.
    /// </summary>
    private bool IsMatch(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            _aborted = true;
            return false;
        }
    }

    private static bool AllUnique(JsonElement array)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in array.EnumerateArray())
        {
            if (!seen.Add(JsonValues.CanonicalKey(item)))
            {
                return false;
            }
        }

        return true;
    }

    private static int CountMembers(JsonElement instance)
    {
        var count = 0;
        foreach (var _ in instance.EnumerateObject())
        {
            count++;
        }

        return count;
    }

    private static int CodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }
}
