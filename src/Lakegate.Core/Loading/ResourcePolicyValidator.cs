using Lakegate.Core.Definitions;
using Lakegate.Core.Iam;

namespace Lakegate.Core.Loading;

/// <summary>
/// Resource policies (<c>policy:</c> / <c>x-amazon-apigateway-policy</c>) must parse as IAM policies the
/// evaluator understands: an unsupported condition operator or a typo refuses the definition instead of
/// being ignored (which would silently open or close an API).
/// </summary>
internal sealed class ResourcePolicyValidator : IDefinitionValidator
{
    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        foreach (var api in config.Apis)
        {
            if (api.Policy is not { } document)
            {
                continue;
            }

            if (api.Kind != ApiKind.Rest)
            {
                diagnostics.Add(Diagnostic.Warning(api.Position, $"api {api.Id}: resource policies apply to REST APIs only (as on AWS); this one is ignored"));
                continue;
            }

            var errors = new List<string>();
            IamPolicy.Parse(document, errors, ExecuteApiArn.Api("us-east-1", "000000000000", api.Id));
            foreach (var error in errors)
            {
                diagnostics.Add(Diagnostic.Error(api.PolicyPosition ?? api.Position, $"api {api.Id}: {error}"));
            }
        }
    }
}
