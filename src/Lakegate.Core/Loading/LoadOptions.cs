namespace Lakegate.Core.Loading;

/// <summary>Choices for loading an OpenAPI file directly (<c>lakegate serve --openapi FILE --api-id ID --stage NAME</c>).</summary>
public sealed record LoadOptions
{
    /// <summary>Api id; default derived from <c>info.title</c>, else "api".</summary>
    public string? ApiId { get; init; }

    /// <summary>Stage to create; default "prod" for REST APIs and "$default" for HTTP APIs.</summary>
    public string? StageName { get; init; }
}
