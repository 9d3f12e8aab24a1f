namespace Lakegate.Core.Definitions;

/// <summary>
/// The <c>aws:</c> block of lakegate.yaml: how this node reaches AWS-compatible services for <c>AWS</c> integrations.
/// Node-level like <c>functions:</c>: it never enters a deployment snapshot, so keys stay out of the definition store.
/// </summary>
public sealed record AwsDefinition
{
    /// <summary>Region for integration URIs that leave theirs empty; null = AWS_REGION, else us-east-1.</summary>
    public string? Region { get; init; }

    /// <summary>Named credential sets. <c>default</c> signs integrations that name none; a key may be an IAM role ARN,
    /// so an imported <c>credentials: arn:aws:iam::...:role/x</c> finds its keys.</summary>
    public IReadOnlyDictionary<string, AwsCredentialsDefinition> Credentials { get; init; } = new Dictionary<string, AwsCredentialsDefinition>();

    /// <summary>Service name (dynamodb, s3, kinesis, sqs, ...) → endpoint URL, for emulators and private endpoints.</summary>
    public IReadOnlyDictionary<string, string> Endpoints { get; init; } = Empty.Strings;

    public SourcePosition? Position { get; init; }
}
