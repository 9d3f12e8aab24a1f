namespace Lakegate.Core.Signing;

/// <summary>
/// An access key pair (and, for temporary credentials, a session token). <see cref="ToString"/> never prints the
/// secret or the token, so a credentials object that slips into a log line or an exception message leaks nothing.
/// </summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = ***, SessionToken = {(SessionToken is null ? "none" : "***")} }}";
}
