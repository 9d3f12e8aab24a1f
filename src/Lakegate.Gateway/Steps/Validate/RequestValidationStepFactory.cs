using System.Runtime.CompilerServices;
using Lakegate.Core.Definitions;
using Lakegate.Core.Mapping;
using Lakegate.Core.Validation;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Pipeline;
using Microsoft.Extensions.Options;

namespace Lakegate.Gateway.Steps.Validate;

/// <summary>
/// The Validate phase: API Gateway request validators. A route gets a step only when a validator
/// applies (its own <c>requestValidator</c>, else the API's default) and that validator has something
/// to check: required parameters, or body models. Other routes pay nothing, and their bodies are
/// never buffered. Models are compiled once per deployment and shared by its routes.
/// </summary>
public sealed class RequestValidationStepFactory : IGatewayStepFactory
{
    private const string Prefix = "method.request.";

    // Keyed by the ApiDefinition instance: one deployment's routes share it, and it dies with the deployment.
    private readonly ConditionalWeakTable<ApiDefinition, ModelSchemaSet> _models = [];
    private readonly long _maxBodyBytes;

    public RequestValidationStepFactory(IOptions<GatewayOptions> options) =>
        _maxBodyBytes = options.Value.Limits.MaxRequestBodyBytes;

    public GatewayPhase Phase => GatewayPhase.Validate;

    public IGatewayStep? Create(RouteCompileContext route)
    {
        var api = route.Api;
        var name = route.Route.RequestValidator ?? api.DefaultRequestValidator;

        // Request validators are a REST API feature; HTTP APIs have none.
        if (api.Kind != ApiKind.Rest || name is null || !api.RequestValidators.TryGetValue(name, out var validator))
        {
            return null;
        }

        RequiredParameter[] required = validator.ValidateRequestParameters ? RequiredParameters(route.Route) : [];
        var models = validator.ValidateRequestBody ? BodyModels(api, route.Route) : null;
        return required.Length == 0 && models is null ? null : new RequestValidationStep(required, models, _maxBodyBytes);
    }

    /// <summary>
    /// Required parameters in key order, as the AWS-recorded LocalStack tests list missing ones
    /// (the order of several missing names is otherwise best effort).
    /// </summary>
    private static RequiredParameter[] RequiredParameters(RouteDefinition route)
    {
        var required = new List<RequiredParameter>();
        foreach (var (key, isRequired) in route.RequestParameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!isRequired || !key.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = key[Prefix.Length..];
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == rest.Length - 1)
            {
                continue;
            }

            ParameterLocation? location = rest[..dot] switch
            {
                "path" => ParameterLocation.Path,
                "querystring" => ParameterLocation.QueryString,
                "multivaluequerystring" => ParameterLocation.MultiValueQueryString,
                "header" => ParameterLocation.Header,
                "multivalueheader" => ParameterLocation.MultiValueHeader,
                _ => null,
            };
            if (location is { } known)
            {
                required.Add(new RequiredParameter(known, rest[(dot + 1)..]));
            }
        }

        return [.. required];
    }

    private RequestBodyModels? BodyModels(ApiDefinition api, RouteDefinition route)
    {
        if (route.RequestModels.Count == 0)
        {
            // No model for any content type: API Gateway performs no body validation.
            return null;
        }

        var set = _models.GetValue(api, static a => ModelSchemaSet.Compile(a.Models));
        var byMediaType = new Dictionary<string, ModelSchema>(StringComparer.OrdinalIgnoreCase);
        foreach (var (contentType, modelName) in route.RequestModels)
        {
            // The loader refuses undeclared models; a stored definition that still names one fails closed.
            byMediaType[contentType] = set.GetOrUndeclared(modelName);
        }

        return new RequestBodyModels(byMediaType);
    }
}
