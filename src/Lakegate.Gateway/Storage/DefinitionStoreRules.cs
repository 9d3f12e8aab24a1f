using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Lakegate.Gateway.Storage;

/// <summary>
/// Argument checks, JSON column mapping and conflict messages shared by every
/// <see cref="IDefinitionStore"/> implementation, so both stores refuse the same things with the
/// same words.
/// </summary>
internal static class DefinitionStoreRules
{
    public static void ValidateDeployment(DeploymentRecord deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        RequireText(deployment.ApiId, "deployment.ApiId");
        RequireText(deployment.Id, "deployment.Id");
        ArgumentNullException.ThrowIfNull(deployment.DefinitionJson, "deployment.DefinitionJson");
        ArgumentNullException.ThrowIfNull(deployment.ContentHash, "deployment.ContentHash");
    }

    public static void ValidateStage(StageRecord stage, long? expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(stage);
        RequireText(stage.ApiId, "stage.ApiId");
        RequireText(stage.Name, "stage.Name");
        RequireText(stage.DeploymentId, "stage.DeploymentId");
        ArgumentNullException.ThrowIfNull(stage.Variables, "stage.Variables");
        if (expectedVersion < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(expectedVersion), expectedVersion, "Use null (unconditional), 0 (must not exist) or the current version.");
        }

        if (stage.Canary is { } canary)
        {
            RequireText(canary.DeploymentId, "stage.Canary.DeploymentId");
            ArgumentNullException.ThrowIfNull(canary.StageVariableOverrides, "stage.Canary.StageVariableOverrides");
            if (double.IsNaN(canary.PercentTraffic) || canary.PercentTraffic < 0 || canary.PercentTraffic > 100)
            {
                throw new ArgumentOutOfRangeException(nameof(stage), canary.PercentTraffic, "Canary PercentTraffic must be between 0 and 100.");
            }
        }
    }

    public static string ValidateDomain(DomainRecord domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(domain.Mappings, "domain.Mappings");
        foreach (var mapping in domain.Mappings)
        {
            ArgumentNullException.ThrowIfNull(mapping, "domain.Mappings[]");
            ArgumentNullException.ThrowIfNull(mapping.BasePath, "domain.Mappings[].BasePath");
            RequireText(mapping.ApiId, "domain.Mappings[].ApiId");
            RequireText(mapping.Stage, "domain.Mappings[].Stage");
        }

        return NormalizeDomainName(domain.DomainName);
    }

    /// <summary>Host names are case-insensitive; storing them lower-case makes the key unique.</summary>
    public static string NormalizeDomainName(string domainName)
    {
        RequireText(domainName, nameof(domainName));
        return domainName.ToLowerInvariant();
    }

    public static void RequireText(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
    }

    public static string ToJson(IReadOnlyDictionary<string, string> values) =>
        JsonSerializer.Serialize(new Dictionary<string, string>(values, StringComparer.Ordinal), DefinitionStoreJsonContext.Default.DictionaryStringString);

    public static string ToJson(IReadOnlyList<BasePathMappingRecord> mappings) =>
        JsonSerializer.Serialize([.. mappings], DefinitionStoreJsonContext.Default.ListBasePathMappingRecord);

    public static Dictionary<string, string> VariablesFromJson(string json) =>
        JsonSerializer.Deserialize(json, DefinitionStoreJsonContext.Default.DictionaryStringString) ?? [];

    public static List<BasePathMappingRecord> MappingsFromJson(string json) =>
        JsonSerializer.Deserialize(json, DefinitionStoreJsonContext.Default.ListBasePathMappingRecord) ?? [];

    public static string ToJson(UsagePlansRecord plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        return JsonSerializer.Serialize(plans, DefinitionStoreJsonContext.Default.UsagePlansRecord);
    }

    public static UsagePlansRecord UsagePlansFromJson(string json) =>
        JsonSerializer.Deserialize(json, DefinitionStoreJsonContext.Default.UsagePlansRecord) ?? UsagePlansRecord.Empty;

    public static void ValidateUsage(IReadOnlyList<UsageRecord> usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        foreach (var record in usage)
        {
            RequireText(record.PlanName, "usage.PlanName");
            RequireText(record.KeyName, "usage.KeyName");
            ArgumentOutOfRangeException.ThrowIfNegative(record.Count, "usage.Count");
        }
    }

    public static StoreConflictException DuplicateDeployment(string apiId, string deploymentId) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Deployment '{deploymentId}' of API '{apiId}' already exists."));

    public static StoreConflictException DeploymentInUse(string apiId, string deploymentId, string stageName, bool asCanary) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Deployment '{deploymentId}' of API '{apiId}' is still served by stage '{stageName}'{(asCanary ? " as its canary" : string.Empty)}; point the stage elsewhere first."));

    public static StoreConflictException MissingDeployment(string apiId, string deploymentId, bool forCanary) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{(forCanary ? "Canary deployment" : "Deployment")} '{deploymentId}' of API '{apiId}' does not exist."));

    public static StoreConflictException StageVersionMismatch(string apiId, string stageName, long expectedVersion, long? currentVersion) =>
        new(currentVersion switch
        {
            null => string.Create(CultureInfo.InvariantCulture, $"Stage '{stageName}' of API '{apiId}' does not exist (expected version {expectedVersion})."),
            _ when expectedVersion == 0 => string.Create(CultureInfo.InvariantCulture, $"Stage '{stageName}' of API '{apiId}' already exists (version {currentVersion})."),
            _ => string.Create(CultureInfo.InvariantCulture, $"Stage '{stageName}' of API '{apiId}' is at version {currentVersion}, not {expectedVersion}."),
        });

    /// <summary>
    /// Both stores select deployments as (api_id, id, description, created_at, definition, content_hash);
    /// only how a timestamp column reads differs (text in SQLite, timestamptz in PostgreSQL).
    /// </summary>
    public static DeploymentRecord ReadDeployment(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTime) => new()
    {
        ApiId = reader.GetString(0),
        Id = reader.GetString(1),
        Description = reader.IsDBNull(2) ? null : reader.GetString(2),
        CreatedAt = readTime(reader, 3),
        DefinitionJson = reader.GetString(4),
        ContentHash = reader.GetString(5),
    };

    /// <summary>Stages as (api_id, name, deployment_id, description, variables, canary_deployment_id, canary_percent, canary_overrides, version, updated_at, method_throttles).</summary>
    public static StageRecord ReadStage(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTime) => new()
    {
        ApiId = reader.GetString(0),
        Name = reader.GetString(1),
        DeploymentId = reader.GetString(2),
        Description = reader.IsDBNull(3) ? null : reader.GetString(3),
        Variables = VariablesFromJson(reader.GetString(4)),
        Canary = reader.IsDBNull(5)
            ? null
            : new CanaryRecord
            {
                DeploymentId = reader.GetString(5),
                PercentTraffic = reader.GetDouble(6),
                StageVariableOverrides = VariablesFromJson(reader.GetString(7)),
            },
        Version = reader.GetInt64(8),
        UpdatedAt = readTime(reader, 9),
        MethodThrottles = reader.FieldCount > 10 && !reader.IsDBNull(10) ? MethodThrottlesFromJson(reader.GetString(10)) : new Dictionary<string, ThrottleRecord>(),
    };

    public static string ToJson(IReadOnlyDictionary<string, ThrottleRecord> throttles) =>
        JsonSerializer.Serialize(new Dictionary<string, ThrottleRecord>(throttles), DefinitionStoreJsonContext.Default.DictionaryStringThrottleRecord);

    public static Dictionary<string, ThrottleRecord> MethodThrottlesFromJson(string json) =>
        JsonSerializer.Deserialize(json, DefinitionStoreJsonContext.Default.DictionaryStringThrottleRecord) ?? [];
}
