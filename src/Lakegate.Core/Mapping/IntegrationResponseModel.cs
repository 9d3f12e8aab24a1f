namespace Lakegate.Core.Mapping;

/// <summary>One integration response, compiled: the method status it produces, its header mappings, templates and content handling.</summary>
public sealed record IntegrationResponseModel(
    int StatusCode,
    IReadOnlyList<ResponseParameterMapping> Parameters,
    TemplateSet Templates)
{
    /// <summary>How its payload is converted on the way to the method response (reference §1.11).</summary>
    public ContentHandlingMode ContentHandling { get; init; }
}
