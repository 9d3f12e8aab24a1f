namespace Lakegate.Core.Loading;

/// <summary>Choices for loading a definition: ids and stage for OpenAPI files (<c>--openapi FILE --api-id ID --stage NAME</c>), file references.</summary>
public sealed record LoadOptions
{
    /// <summary>Api id; default derived from <c>info.title</c>, else "api".</summary>
    public string? ApiId { get; init; }

    /// <summary>Stage to create; default "prod" for REST APIs and "$default" for HTTP APIs.</summary>
    public string? StageName { get; init; }

    /// <summary>Whether <c>openapi:</c> may name a file to import. False for definitions received over the network.</summary>
    public bool AllowFileReferences { get; init; } = true;
}
