namespace Lakegate.Gateway.Storage;

/// <summary>
/// An immutable snapshot of one API. <see cref="DefinitionJson"/> is the serialised
/// <c>ApiDefinition</c>; <see cref="ContentHash"/> (SHA-256 hex of that JSON) lets callers skip
/// creating a deployment identical to the one a stage already serves.
/// </summary>
public sealed record DeploymentRecord
{
    public required string ApiId { get; init; }

    public required string Id { get; init; }

    public string? Description { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string DefinitionJson { get; init; }

    public required string ContentHash { get; init; }
}
