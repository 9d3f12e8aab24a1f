using Lakegate.Core.Definitions;
using Lakegate.Core.Functions;
using Lakegate.Core.Mapping;
using Lakegate.Core.Vtl;
using Lakegate.Gateway.Functions;
using Lakegate.Gateway.Integrations.Mapping;
using Lakegate.Gateway.Pipeline;
using Microsoft.Extensions.Logging;

namespace Lakegate.Gateway.Integrations.Function;

/// <summary>
/// Compiles <c>AWS</c> integrations whose URI names a Lambda function
/// (<c>arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations</c>): the
/// non-proxy ("custom") Lambda integration with mapping templates. Other AWS service actions are
/// served by AwsIntegrationFactory, which hands Lambda URIs to this factory.
/// </summary>
public sealed class LambdaIntegrationFactory(IFunctionInvoker invoker, TimeProvider time, ILogger<LambdaIntegration> logger) : IIntegrationFactory
{
    public IntegrationType Type => IntegrationType.Aws;

    public IIntegration Create(RouteCompileContext route)
    {
        var integration = route.Route.Integration;
        var name = FunctionReference.Resolve(integration, out _);
        if (name is null)
        {
            return new UnservedIntegration(IntegrationType.Aws);
        }

        var owner = $"route {route.Route.RouteKey}";
        var errors = new List<string>();
        var requestTemplates = TemplateSet.Compile(integration.RequestTemplates, owner + " request", errors);
        var responses = IntegrationResponseSelector.Compile(integration.Responses, owner, errors);
        if (errors.Count > 0)
        {
            return new MisconfiguredIntegration(errors);
        }

        return new LambdaIntegration(
            invoker,
            time,
            name,
            requestTemplates,
            MappingOptions.Passthrough(integration),
            responses,
            TimeSpan.FromMilliseconds(integration.TimeoutInMillis),
            new TemplateRunner(VtlLimits.Default, logger))
        {
            ContentHandling = ContentHandlingModes.Parse(integration.ContentHandling),
        };
    }
}
