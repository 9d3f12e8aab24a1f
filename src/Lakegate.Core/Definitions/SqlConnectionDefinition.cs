namespace Lakegate.Core.Definitions;

/// <summary>A database under <c>sql.connections</c>; its connection string may hold <c>{{secret:...}}</c> references.</summary>
public sealed record SqlConnectionDefinition
{
    public required string Name { get; init; }

    public SqlProvider Provider { get; init; }

    /// <summary>As written (secret references unresolved); the gateway resolves them when it opens the pool.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>How long one statement may run before it is cancelled and the caller gets 504.</summary>
    public int StatementTimeoutSeconds { get; init; } = 30;

    /// <summary>Upper bound of the connection pool (PostgreSQL); null = the driver's default.</summary>
    public int? MaxPoolSize { get; init; }

    public SourcePosition? Position { get; init; }
}
