using Lakegate.Core.AwsServices;
using Lakegate.Core.Definitions;
using Lakegate.Core.Functions;
using Lakegate.Core.Mapping;
using Lakegate.Core.Vtl;
using Lakegate.Gateway.Hosting;
using Lakegate.Gateway.Integrations.Function;
using Lakegate.Gateway.Integrations.HttpProxy;
using Lakegate.Gateway.Integrations.Mapping;
using Lakegate.Gateway.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lakegate.Gateway.Integrations.Aws;

/// <summary>
/// Compiles <c>AWS</c> integrations: a URI that names a Lambda function goes to the non-proxy Lambda integration;
/// any other <c>arn:aws:apigateway:{region}:{service}:action/...|path/...</c> becomes an
/// <see cref="AwsServiceIntegration"/>.
/// </summary>
public sealed class AwsIntegrationFactory(
    LambdaIntegrationFactory lambda,
    ForwarderClients clients,
    IAwsCredentialsProvider credentials,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<AwsServiceIntegration> logger) : IIntegrationFactory
{
    private readonly AwsEndpoints _endpoints = new(options.Value.Aws);

    public IntegrationType Type => IntegrationType.Aws;

    public IIntegration Create(RouteCompileContext route)
    {
        var integration = route.Route.Integration;
        if (FunctionReference.Resolve(integration, out _) is not null)
        {
            return lambda.Create(route);
        }

        var owner = $"route {route.Route.RouteKey}";
        var errors = new List<string>();
        if (!AwsServiceUri.TryParse(integration.Uri, out var uri, out var uriError))
        {
            return new MisconfiguredIntegration([$"{owner}: {uriError}"]);
        }

        var service = uri!.IsAction ? AwsServiceCatalog.Find(uri.Service) : AwsServiceCatalog.ForPath(uri.Service);
        if (service is null || (uri.IsAction && service.Protocol == AwsProtocol.Rest))
        {
            return new MisconfiguredIntegration([$"{owner}: action/ URIs are served for {AwsServiceCatalog.ActionServices}, not '{uri.Service}'"]);
        }

        var mappings = new List<ParameterMapping>();
        foreach (var (destination, source) in integration.RequestParameters)
        {
            if (ParameterMapping.TryParse(destination, source, out var mapping, out var error))
            {
                mappings.Add(mapping!);
            }
            else
            {
                errors.Add($"{owner}: {error}");
            }
        }

        var requestTemplates = TemplateSet.Compile(integration.RequestTemplates, owner + " request", errors);
        var responses = IntegrationResponseSelector.Compile(integration.Responses, owner, errors);
        if (errors.Count > 0)
        {
            return new MisconfiguredIntegration(errors);
        }

        UriTemplate? pathTemplate = null;
        string? pathQuery = null;
        if (uri.Path is { } path)
        {
            var question = path.IndexOf('?');
            pathTemplate = UriTemplate.Parse(question < 0 ? path : path[..question]);
            pathQuery = question < 0 ? null : path[(question + 1)..];
        }

        var method = uri.IsAction ? HttpMethod.Post : new HttpMethod((integration.HttpMethod ?? "GET").ToUpperInvariant());
        var target = new AwsServiceTarget(uri, service, method, pathTemplate, pathQuery,
            [.. uri.ActionParameters.Select(p => new KeyValuePair<string, UriTemplate>(p.Key, UriTemplate.Parse(p.Value)))]);
        return new AwsServiceIntegration(
            clients.Verified,
            target,
            _endpoints,
            credentials,
            integration.Credentials,
            mappings,
            PathPlaceholders.Compile(route.Route, mappings),
            requestTemplates,
            MappingOptions.Passthrough(integration),
            integration.ContentHandling?.Trim().ToUpperInvariant(),
            responses,
            route.Api.BinaryMediaTypes,
            TimeSpan.FromMilliseconds(integration.TimeoutInMillis),
            new TemplateRunner(VtlLimits.Default, logger),
            time,
            logger);
    }
}
