namespace Lakegate.Gateway.Tests.Infrastructure;

/// <summary>What <see cref="TestBackend"/> saw of a request.</summary>
public sealed record Echo(
    string Backend,
    string Method,
    string RawTarget,
    string Path,
    string Query,
    Dictionary<string, string> Headers,
    string Body);
