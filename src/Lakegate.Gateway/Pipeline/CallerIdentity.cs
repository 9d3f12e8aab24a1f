namespace Lakegate.Gateway.Pipeline;

/// <summary>
/// The IAM caller a SigV4-signed request authenticated as: <c>$context.identity.accessKey</c>,
/// <c>.accountId</c>, <c>.caller</c>, <c>.user</c>, <c>.userArn</c>.
/// </summary>
public sealed record CallerIdentity(string AccessKey, string AccountId, string Caller, string User, string UserArn);
