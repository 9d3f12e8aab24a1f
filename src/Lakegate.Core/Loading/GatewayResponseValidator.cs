using System.Text.RegularExpressions;
using Lakegate.Core.Definitions;

namespace Lakegate.Core.Loading;

/// <summary>Customised Gateway Responses: the response types API Gateway knows, statuses and header mappings.</summary>
internal sealed partial class GatewayResponseValidator : IDefinitionValidator
{
    internal static readonly HashSet<string> ResponseTypes =
    [
        "ACCESS_DENIED", "API_CONFIGURATION_ERROR", "AUTHORIZER_CONFIGURATION_ERROR", "AUTHORIZER_FAILURE", "BAD_REQUEST_PARAMETERS",
        "BAD_REQUEST_BODY", "DEFAULT_4XX", "DEFAULT_5XX", "EXPIRED_TOKEN", "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT", "INVALID_API_KEY",
        "INVALID_SIGNATURE", "MISSING_AUTHENTICATION_TOKEN", "QUOTA_EXCEEDED", "REQUEST_TOO_LARGE", "RESOURCE_NOT_FOUND", "THROTTLED",
        "UNAUTHORIZED", "UNSUPPORTED_MEDIA_TYPE", "WAF_FILTERED",
    ];

    public void Validate(LakegateConfig config, ICollection<Diagnostic> diagnostics)
    {
        foreach (var api in config.Apis)
        {
            foreach (var (type, response) in api.GatewayResponses)
            {
                var label = $"api {api.Id}: gateway response {type}";
                var position = response.Position ?? api.Position;
                if (!ResponseTypes.Contains(type))
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: unknown response type; expected one of {string.Join(", ", ResponseTypes.Order(StringComparer.Ordinal))}"));
                }

                if (response.StatusCode is < 100 or > 599)
                {
                    diagnostics.Add(Diagnostic.Error(position, $"{label}: statusCode {response.StatusCode} must be within 100..599"));
                }

                foreach (var key in response.ResponseParameters.Keys)
                {
                    if (!HeaderKey().IsMatch(key))
                    {
                        diagnostics.Add(Diagnostic.Error(position, $"{label}: responseParameters key '{key}': expected gatewayresponse.header.NAME"));
                    }
                }
            }
        }
    }

    [GeneratedRegex(@"^gatewayresponse\.header\.[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")]
    private static partial Regex HeaderKey();
}
