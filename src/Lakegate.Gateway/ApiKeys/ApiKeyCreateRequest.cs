namespace Lakegate.Gateway.ApiKeys;

/// <summary>What <see cref="ApiKeyService.CreateAsync"/> needs; <see cref="Value"/> null = generate one.</summary>
public sealed record ApiKeyCreateRequest
{
    /// <summary>The key's id: <c>$context.identity.apiKeyId</c>, what plans and usage reports name. Unique.</summary>
    public required string Name { get; init; }

    public string? Value { get; init; }

    public bool Enabled { get; init; } = true;

    public string? CustomerId { get; init; }

    public string? Description { get; init; }

    /// <summary>Plans to bind the new key to.</summary>
    public IReadOnlyList<string> UsagePlans { get; init; } = [];
}
