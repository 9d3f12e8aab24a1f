namespace Lakegate.Core.Mapping;

/// <summary>One integration response, compiled: the method status it produces, its header mappings and templates.</summary>
public sealed record IntegrationResponseModel(
    int StatusCode,
    IReadOnlyList<ResponseParameterMapping> Parameters,
    TemplateSet Templates);
