namespace Lakegate.Core.Definitions;

/// <summary>One <c>@name</c> of a query: where the request carries it, its type, and whether it must be there.</summary>
public sealed record SqlParameterDefinition
{
    /// <summary>The placeholder's name in the SQL (without <c>@</c>).</summary>
    public required string Name { get; init; }

    public SqlParameterSource From { get; init; } = SqlParameterSource.Query;

    /// <summary>The name in the request (path parameter, query key, body property, header); defaults to <see cref="Name"/>.</summary>
    public required string Key { get; init; }

    public SqlParameterType Type { get; init; } = SqlParameterType.String;

    public bool Required { get; init; }

    /// <summary>Used when the request does not carry the value; parsed like a request value. Null = SQL NULL.</summary>
    public string? Default { get; init; }
}
