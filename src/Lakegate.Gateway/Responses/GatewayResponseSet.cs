using Lakegate.Core.Definitions;
using Lakegate.Core.GatewayResponses;
using Lakegate.Core.Mapping;

namespace Lakegate.Gateway.Responses;

/// <summary>
/// An API's Gateway Responses compiled per deployment: for every type, the customisation that
/// applies (its own, else its DEFAULT_4XX/DEFAULT_5XX family's, else none) with templates parsed.
/// </summary>
public sealed class GatewayResponseSet
{
    private static readonly EffectiveGatewayResponse None = new(null, [], null);
    private readonly EffectiveGatewayResponse[] _byType;

    private GatewayResponseSet(EffectiveGatewayResponse[] byType) => _byType = byType;

    public static GatewayResponseSet Defaults { get; } = Compile(new Dictionary<string, GatewayResponseDefinition>());

    public static GatewayResponseSet Compile(IReadOnlyDictionary<string, GatewayResponseDefinition> customised)
    {
        var byType = new EffectiveGatewayResponse[Enum.GetValues<GatewayResponseType>().Length];
        foreach (var defaults in GatewayResponseCatalog.Types)
        {
            var family = GatewayResponseCatalog.Get(GatewayResponseCatalog.FamilyOf(defaults.StatusCode)).Name;
            var definition = customised.GetValueOrDefault(defaults.Name) ?? customised.GetValueOrDefault(family);
            byType[(int)defaults.Type] = definition is null ? None : Compile(definition);
        }

        return new GatewayResponseSet(byType);
    }

    public EffectiveGatewayResponse Get(GatewayResponseType type) => _byType[(int)type];

    private static EffectiveGatewayResponse Compile(GatewayResponseDefinition definition)
    {
        const string headerPrefix = "gatewayresponse.header.";
        var headers = definition.ResponseParameters
            .Where(p => p.Key.StartsWith(headerPrefix, StringComparison.Ordinal))
            .Select(p => new KeyValuePair<string, string>(p.Key[headerPrefix.Length..], p.Value))
            .ToArray();

        // API Gateway renders the application/json template, else the first one declared.
        var template = definition.ResponseTemplates.TryGetValue("application/json", out var json)
            ? json
            : definition.ResponseTemplates.Values.FirstOrDefault();

        return new EffectiveGatewayResponse(
            definition.StatusCode,
            headers,
            template is null ? null : SubstitutionTemplate.Parse(template));
    }
}
