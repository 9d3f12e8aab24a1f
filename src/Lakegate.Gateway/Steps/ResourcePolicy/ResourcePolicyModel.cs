using System.Runtime.CompilerServices;
using Lakegate.Core.Definitions;
using Lakegate.Core.Iam;

namespace Lakegate.Gateway.Steps.ResourcePolicy;

/// <summary>An API's resource policy, parsed once per deployment (shorthand <c>execute-api:/...</c> resources expanded).</summary>
public sealed class ResourcePolicyModel
{
    private static readonly ConditionalWeakTable<ApiDefinition, ResourcePolicyModel?> Compiled = [];

    private ResourcePolicyModel(IamPolicy policy) => Policy = policy;

    public IamPolicy Policy { get; }

    /// <summary>Null when the API has no policy. Throws for a policy that does not parse (the loader refuses those first).</summary>
    public static ResourcePolicyModel? For(ApiDefinition api) => Compiled.GetValue(api, static api =>
    {
        if (api.Policy is not { } document)
        {
            return null;
        }

        var errors = new List<string>();
        var policy = IamPolicy.Parse(document, errors, MethodArns.Api(api.Id))
            ?? throw new InvalidOperationException($"api {api.Id}: resource policy does not parse: {string.Join("; ", errors)}");
        return new ResourcePolicyModel(policy);
    });
}
