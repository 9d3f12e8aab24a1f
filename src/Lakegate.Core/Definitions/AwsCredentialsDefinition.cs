namespace Lakegate.Core.Definitions;

/// <summary>
/// One credential set under <c>aws.credentials</c>. Values are literal, read from the environment at load
/// (<c>env:VAR</c>), or a secret reference <c>{{secret:NAME}}</c> resolved when a request is signed.
/// <see cref="ToString"/> never prints the secret or the token.
/// </summary>
public sealed record AwsCredentialsDefinition
{
    public required string AccessKeyId { get; init; }

    public required string SecretAccessKey { get; init; }

    public string? SessionToken { get; init; }

    public SourcePosition? Position { get; init; }

    public override string ToString() => $"AwsCredentialsDefinition {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = ***, SessionToken = {(SessionToken is null ? "none" : "***")} }}";
}
