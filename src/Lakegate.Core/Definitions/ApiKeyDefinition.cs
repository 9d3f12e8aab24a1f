namespace Lakegate.Core.Definitions;

/// <summary>
/// An API key as declared under <c>apiKeys:</c>. Callers present <see cref="Value"/> in <c>x-api-key</c>;
/// the gateway keeps only its SHA-256 hash once deployed.
/// </summary>
public sealed record ApiKeyDefinition
{
    /// <summary>The key's id: <c>$context.identity.apiKeyId</c>, the key of GetUsage values, what plans list.</summary>
    public required string Name { get; init; }

    /// <summary>The secret value, inline or read from <c>valueFrom: env:VAR</c> at load time.</summary>
    public required string Value { get; init; }

    public bool Enabled { get; init; } = true;

    public string? CustomerId { get; init; }

    public string? Description { get; init; }

    public SourcePosition? Position { get; init; }
}
