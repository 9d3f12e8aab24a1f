using Lakegate.Core.Mapping;

namespace Lakegate.Gateway.Responses;

/// <summary>A Gateway Response type after customisations (own, then DEFAULT_4XX/5XX) are applied.</summary>
public sealed record EffectiveGatewayResponse(
    int? CustomStatusCode,
    IReadOnlyList<KeyValuePair<string, string>> HeaderSources,
    SubstitutionTemplate? Template);
