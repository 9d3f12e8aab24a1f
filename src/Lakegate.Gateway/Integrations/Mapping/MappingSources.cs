using System.Globalization;
using Lakegate.Core.Mapping;
using Lakegate.Core.Vtl;
using Lakegate.Core.Vtl.ApiGateway;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Integrations.Mapping;

/// <summary>Resolves parameter-mapping sources (<c>method.request.*</c>, <c>integration.response.*</c>, ...) for one request.</summary>
public static class MappingSources
{
    /// <summary>A request mapping source's value; multi-value sources are comma-joined; null when absent.</summary>
    public static string? Resolve(GatewayContext context, ParameterMapping mapping, ApiGatewayRequest? request = null)
    {
        var http = context.Http.Request;
        return mapping.SourceKind switch
        {
            MappingSourceKind.Static => mapping.SourceName,
            MappingSourceKind.StageVariable => context.StageVariables.GetValueOrDefault(mapping.SourceName),
            MappingSourceKind.Context => context.GetContextVariable(mapping.SourceName),
            MappingSourceKind.MethodRequest => mapping.SourceLocation switch
            {
                ParameterLocation.Path => context.PathParameter(mapping.SourceName),
                ParameterLocation.QueryString => Last(http.Query[mapping.SourceName]),
                ParameterLocation.Header => Last(http.Headers[mapping.SourceName]),
                ParameterLocation.MultiValueQueryString => Join(http.Query[mapping.SourceName]),
                ParameterLocation.MultiValueHeader => Join(http.Headers[mapping.SourceName]),
                _ => null,
            },
            // Bodies are only available to integrations that read them (not to streaming proxies).
            MappingSourceKind.MethodRequestBody when request is not null => BodyValue(request, mapping.SourceName),
            _ => null,
        };
    }

    /// <summary><c>integration.response.*</c> and the other response mapping sources.</summary>
    public static string? Resolve(GatewayContext context, ResponseParameterMapping mapping, IntegrationResult backend, ApiGatewayRequest methodRequest)
    {
        return mapping.Kind switch
        {
            ResponseSourceKind.Static => mapping.Name,
            ResponseSourceKind.StageVariable => context.StageVariables.GetValueOrDefault(mapping.Name),
            ResponseSourceKind.Context => context.GetContextVariable(mapping.Name),
            ResponseSourceKind.Header => backend.Headers.TryGetValue(mapping.Name, out var values) && values.Count > 0 ? values[^1] : null,
            ResponseSourceKind.MultiValueHeader => backend.Headers.TryGetValue(mapping.Name, out var all) ? string.Join(',', all) : null,
            ResponseSourceKind.Body => backend.Body,
            ResponseSourceKind.BodyPath => BodyValue(methodRequest with { Body = backend.Body }, mapping.Name),
            _ => null,
        };
    }

    /// <summary>A JSONPath into a JSON body: strings as they are, other values as JSON.</summary>
    private static string? BodyValue(ApiGatewayRequest request, string path)
    {
        var input = new InputObject(request);
        var jsonPath = path.Length == 0 ? "$" : "$." + path;
        if (!input.TryInvoke("path", [jsonPath], out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => VtlJson.ToJson(value),
        };
    }

    private static string? Last(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0 ? null : values[values.Count - 1];

    private static string? Join(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0 ? null : string.Join(',', values.ToArray());
}
