namespace Lakegate.Gateway.Deployments;

/// <summary>One base-path mapping with its base path split into segments (empty for the root mapping).</summary>
public sealed record DomainMappingModel(string[] BasePathSegments, string BasePath, string ApiId, string Stage);
