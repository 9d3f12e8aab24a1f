namespace Lakegate.Core.Definitions;

/// <summary>A whole lakegate.yaml (or one imported OpenAPI file) after loading.</summary>
public sealed record LakegateConfig
{
    public string? SourceFile { get; init; }

    public ServerDefinition Server { get; init; } = new();

    public IReadOnlyList<ApiDefinition> Apis { get; init; } = [];

    public IReadOnlyList<StageDefinition> Stages { get; init; } = [];

    public IReadOnlyList<DomainDefinition> Domains { get; init; } = [];

    public IReadOnlyList<ApiKeyDefinition> ApiKeys { get; init; } = [];

    public IReadOnlyList<UsagePlanDefinition> UsagePlans { get; init; } = [];

    /// <summary>Functions routes can invoke (AWS_PROXY); node-level, not part of an API's deployment snapshot.</summary>
    public IReadOnlyList<FunctionDefinition> Functions { get; init; } = [];

    /// <summary>Credentials and endpoints for AWS service integrations (<c>aws:</c>); node-level like functions.</summary>
    public AwsDefinition? Aws { get; init; }
    /// <summary>Datasets <c>dataset</c> routes query; node-level, like functions.</summary>
    public IReadOnlyList<DatasetDefinition> Datasets { get; init; } = [];
    /// <summary>Every <c>{{secret:...}}</c> reference in the file, with its position; deploy checks each exists.</summary>
    public IReadOnlyList<Secrets.SecretReferenceUse> SecretReferences { get; init; } = [];

    /// <summary>Connections and named queries <c>sql</c> routes run (<c>sql:</c>); node-level, like datasets.</summary>
    public SqlDefinition Sql { get; init; } = new();
}
