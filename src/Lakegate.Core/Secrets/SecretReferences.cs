using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lakegate.Core.Secrets;

/// <summary>
/// Finds and substitutes <c>{{secret:...}}</c> references in config strings. The definition keeps the
/// reference; values are substituted only when a deployment is compiled, so they never reach stored
/// definitions, exports or the admin API.
/// </summary>
public static partial class SecretReferences
{
    /// <summary>The marker every reference starts with; strings without it are left alone cheaply.</summary>
    public const string Marker = "{{secret:";

    public static bool Contains(string? text) => text is not null && text.Contains(Marker, StringComparison.Ordinal);

    /// <summary>
    /// Every reference in <paramref name="text"/>, with its offset. A marker that does not parse is
    /// reported in <paramref name="errors"/> (with its offset) instead of being silently kept as text.
    /// </summary>
    public static IReadOnlyList<(int Offset, int Length, SecretReference Reference)> Find(string text, List<(int Offset, string Message)>? errors = null)
    {
        var found = new List<(int, int, SecretReference)>();
        var start = 0;
        while ((start = text.IndexOf(Marker, start, StringComparison.Ordinal)) >= 0)
        {
            var match = Reference().Match(text, start);
            if (match.Success && match.Index == start)
            {
                found.Add((start, match.Length, FromMatch(match)));
                start += match.Length;
            }
            else
            {
                errors?.Add((start, "malformed secret reference: expected {{secret:NAME}}, {{secret:NAME:KEY}} or {{secret:NAME:KEY:AWSPREVIOUS|VERSION}} (NAME: letters, digits and /_+=.@-)"));
                start += Marker.Length;
            }
        }

        return found;
    }

    /// <summary>
    /// Replaces every reference with its value. <paramref name="lookup"/> returns a version's whole
    /// value, or null when the secret or version does not exist. Errors name the reference, never a value.
    /// </summary>
    public static string Substitute(string text, Func<SecretReference, string?> lookup, ICollection<string> errors)
    {
        if (!Contains(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        var malformed = new List<(int, string)>();
        foreach (var (offset, length, reference) in Find(text, malformed))
        {
            builder.Append(text, position, offset - position);
            builder.Append(Select(reference, lookup, errors));
            position = offset + length;
        }

        foreach (var (_, message) in malformed)
        {
            errors.Add(message);
        }

        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }

    /// <summary>The value a reference stands for, or null (and an error) when it cannot be resolved.</summary>
    public static string? Select(SecretReference reference, Func<SecretReference, string?> lookup, ICollection<string> errors)
    {
        var whole = lookup(reference);
        if (whole is null)
        {
            errors.Add(reference.Version == SecretReference.Current
                ? $"unknown secret '{reference.Name}'"
                : $"secret '{reference.Name}' has no version {reference.Version}");
            return null;
        }

        if (reference.Key is null)
        {
            return whole;
        }

        try
        {
            using var document = JsonDocument.Parse(whole);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(reference.Key, out var field))
            {
                return field.ValueKind == JsonValueKind.String ? field.GetString() : field.GetRawText();
            }
        }
        catch (JsonException)
        {
            errors.Add($"secret '{reference.Name}' is not a JSON object, so it has no key '{reference.Key}'");
            return null;
        }

        errors.Add($"secret '{reference.Name}' has no key '{reference.Key}'");
        return null;
    }

    private static SecretReference FromMatch(Match match)
    {
        var key = match.Groups["key"].Success && match.Groups["key"].Length > 0 ? match.Groups["key"].Value : null;
        var version = match.Groups["version"].Success ? match.Groups["version"].Value : SecretReference.Current;
        return new SecretReference(match.Groups["name"].Value, key, version);
    }

    /// <summary>Secret names as Secrets Manager allows them; keys any text but ':' and '}'; versions labels or ids.</summary>
    [GeneratedRegex(@"\{\{secret:(?<name>[A-Za-z0-9/_+=.@-]{1,512})(:(?<key>[^:{}]{0,256})(:(?<version>[A-Za-z0-9_-]{1,64}))?)?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
