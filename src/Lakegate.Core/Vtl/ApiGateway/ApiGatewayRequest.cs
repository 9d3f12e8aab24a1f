namespace Lakegate.Core.Vtl.ApiGateway;

/// <summary>
/// The method request as mapping templates see it. Single-value maps keep the last value of a
/// repeated parameter, as API Gateway does. Lookups use the dictionaries' own comparers, so the
/// caller decides header-name case sensitivity (see <see cref="InputObject"/>).
/// </summary>
public sealed record ApiGatewayRequest(
    string? Body,
    IReadOnlyDictionary<string, string> Path,
    IReadOnlyDictionary<string, string> QueryString,
    IReadOnlyDictionary<string, string> Header,
    IReadOnlyDictionary<string, IReadOnlyList<string>> MultiValueQueryString,
    IReadOnlyDictionary<string, IReadOnlyList<string>> MultiValueHeader);
