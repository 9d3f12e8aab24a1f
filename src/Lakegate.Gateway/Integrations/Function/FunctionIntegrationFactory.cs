using Lakegate.Core.Definitions;
using Lakegate.Core.Functions;
using Lakegate.Gateway.Functions;
using Lakegate.Gateway.Pipeline;

namespace Lakegate.Gateway.Integrations.Function;

/// <summary>Compiles AWS_PROXY (Lambda proxy) integrations: which function, which payload format, which timeout.</summary>
public sealed class FunctionIntegrationFactory(IFunctionInvoker invoker, TimeProvider time) : IIntegrationFactory
{
    public IntegrationType Type => IntegrationType.AwsProxy;

    public IIntegration Create(RouteCompileContext route)
    {
        var integration = route.Route.Integration;

        // HTTP API first-class service integrations (SQS-SendMessage, ...) share the type but are not functions.
        if (integration.Extras.ContainsKey("integrationSubtype"))
        {
            return new UnservedIntegration(IntegrationType.Aws);
        }

        var name = FunctionReference.Resolve(integration, out _);
        var format = route.Api.Kind == ApiKind.Rest
            ? PayloadFormat.Rest
            : integration.PayloadFormatVersion == "1.0" ? PayloadFormat.HttpV1 : PayloadFormat.HttpV2;
        return new FunctionIntegration(invoker, time, name, format, TimeSpan.FromMilliseconds(integration.TimeoutInMillis));
    }
}
