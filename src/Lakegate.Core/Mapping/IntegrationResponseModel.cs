namespace Lakegate.Core.Mapping;

/// <summary>One integration response, compiled: the method status it produces, its header mappings and templates,
/// and its contentHandling (CONVERT_TO_TEXT, CONVERT_TO_BINARY or null = pass through).</summary>
public sealed record IntegrationResponseModel(
    int StatusCode,
    IReadOnlyList<ResponseParameterMapping> Parameters,
    TemplateSet Templates,
    string? ContentHandling = null);
