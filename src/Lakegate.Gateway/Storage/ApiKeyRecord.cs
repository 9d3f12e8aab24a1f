namespace Lakegate.Gateway.Storage;

/// <summary>A stored API key: its name (id) and the lower-case hex SHA-256 of its value.</summary>
public sealed record ApiKeyRecord
{
    public required string Name { get; init; }

    public required string ValueHash { get; init; }

    public bool Enabled { get; init; } = true;

    public string? CustomerId { get; init; }

    public string? Description { get; init; }
}
