using Lakegate.Core.Vtl;

namespace Lakegate.Core.Mapping;

/// <summary>
/// Mapping templates keyed by media type, parsed once. Selects a request template by Content-Type
/// with API Gateway's passthrough table, or a response template by the first Accept type.
/// </summary>
public sealed class TemplateSet
{
    private readonly List<KeyValuePair<string, VtlTemplate>> _templates;

    private TemplateSet(List<KeyValuePair<string, VtlTemplate>> templates) => _templates = templates;

    public static TemplateSet Empty { get; } = new([]);

    public int Count => _templates.Count;

    /// <summary>Parses every template; parse errors are returned with the media type they belong to.</summary>
    public static TemplateSet Compile(IReadOnlyDictionary<string, string> templates, string owner, List<string> errors)
    {
        var compiled = new List<KeyValuePair<string, VtlTemplate>>(templates.Count);
        foreach (var (mediaType, source) in templates)
        {
            var result = VtlTemplate.Parse(source, $"{owner} {mediaType}");
            if (result.Template is null)
            {
                errors.AddRange(result.Errors.Select(e => $"{owner} template {mediaType}: {e}"));
                continue;
            }

            compiled.Add(new KeyValuePair<string, VtlTemplate>(mediaType.Trim().ToLowerInvariant(), result.Template));
        }

        return new TemplateSet(compiled);
    }

    /// <summary>Reference §1.6: the passthrough table.</summary>
    public RequestBodyDecision SelectForRequest(string? contentType, PassthroughBehavior behavior, out VtlTemplate? template)
    {
        template = Find(MediaTypes.OfContentType(contentType));
        if (template is not null)
        {
            return RequestBodyDecision.Transform;
        }

        return behavior switch
        {
            PassthroughBehavior.Never => RequestBodyDecision.Unsupported,
            PassthroughBehavior.WhenNoTemplates when _templates.Count > 0 => RequestBodyDecision.Unsupported,
            _ => RequestBodyDecision.PassThrough,
        };
    }

    /// <summary>Reference §1.7: the first Accept type's template, else the first template declared, else none (pass through).</summary>
    public KeyValuePair<string, VtlTemplate>? SelectForResponse(string? accept)
    {
        if (_templates.Count == 0)
        {
            return null;
        }

        var wanted = MediaTypes.FirstOfAccept(accept);
        foreach (var pair in _templates)
        {
            if (pair.Key == wanted)
            {
                return pair;
            }
        }

        return _templates[0];
    }

    private VtlTemplate? Find(string mediaType)
    {
        foreach (var pair in _templates)
        {
            if (pair.Key == mediaType)
            {
                return pair.Value;
            }
        }

        return null;
    }
}
