namespace Lakegate.Core.AwsServices;

/// <summary>What Lakegate knows of one service: protocol, JSON target prefix and version, query API version, signing name.</summary>
public sealed record AwsServiceInfo(
    string Name,
    AwsProtocol Protocol,
    string SigningName,
    string? TargetPrefix = null,
    string? JsonVersion = null,
    string? QueryVersion = null)
{
    /// <summary>The Content-Type of the JSON protocol: <c>application/x-amz-json-1.0</c> or <c>-1.1</c>.</summary>
    public string? JsonContentType => JsonVersion is null ? null : "application/x-amz-json-" + JsonVersion;
}
